using Scission.Domain.Constraints;
using Scission.Domain.Criteria;

namespace Scission.Domain.Tests;

public sealed class CriteriaParserTests
{
    [Fact]
    public void NumbersAreLayersThatMustOrMustNotRunOnTheTier()
    {
        var constraints = ScissionCriteria.Parse(" 3, !7 ,12").Constraints!;

        Assert.Equal([3, 12], constraints.RequiredLayers);
        Assert.Equal([7], constraints.ForbiddenLayers);
        Assert.False(constraints.MustBeUsed);
        Assert.Null(constraints.OnlyResources);
    }

    [Fact]
    public void MinusOneMeansUnusedAndNegatedMinusOneMeansUsed()
    {
        Assert.True(ScissionCriteria.Parse("-1").Constraints!.MustBeUnused);
        Assert.True(ScissionCriteria.Parse("!-1").Constraints!.MustBeUsed);
        Assert.False(ScissionCriteria.Parse("!-1").Constraints!.MustBeUnused);
    }

    [Fact]
    public void NamingAResourceEitherWayAlsoMakesTheTierUsed()
    {
        var only = ScissionCriteria.Parse("6700k(GPU)").Constraints!;
        var excluded = ScissionCriteria.Parse("!vm2Core").Constraints!;

        Assert.Equal(["6700k(GPU)"], only.OnlyResources);
        Assert.True(only.MustBeUsed);
        Assert.Equal(["vm2Core"], excluded.ExcludedResources);
        Assert.True(excluded.MustBeUsed);
    }

    [Fact]
    public void AnItemOfDigitsOnlyIsAlwaysALayerEvenWhenAResourceHasThatName()
    {
        var constraints = ScissionCriteria.Parse("2500").Constraints!;

        Assert.Equal([2500], constraints.RequiredLayers);
        Assert.Null(constraints.OnlyResources);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankCriteriaMeanNoConstraints(string? text) =>
        Assert.Same(StageConstraints.None, ScissionCriteria.Parse(text).Constraints);

    [Theory]
    [InlineData("3,,4", "item 2 is empty")]
    [InlineData("3, ", "item 2 is empty")]
    [InlineData("!", "item 1 is empty after '!'")]
    [InlineData("-2", "item 1: '-2' is neither a layer number")]
    [InlineData("a b", "item 1: 'a b' is neither")]
    [InlineData("99999999999", "item 1: layer '99999999999' is too large")]
    public void MalformedItemsAreErrorsThatSayWhichItem(string text, string message)
    {
        var result = ScissionCriteria.Parse(text);

        Assert.Null(result.Constraints);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5", 0.5, false)]
    [InlineData("50%", 50, true)]
    [InlineData(" 12.5 % ", 12.5, true)]
    [InlineData("1e-3", 0.001, false)]
    public void TimeLimitsAreSecondsOrPercentages(string text, double value, bool percent)
    {
        var limit = ScissionCriteria.ParseTimeLimit(text).Limit!.Value;

        Assert.Equal(value, limit.Value);
        Assert.Equal(percent, limit.IsPercent);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("150%")]
    [InlineData("NaN")]
    [InlineData("")]
    public void BadTimeLimitsAreErrors(string text) =>
        Assert.NotNull(ScissionCriteria.ParseTimeLimit(text).Error);
}
