using FluentValidation;

namespace Scission.Api.Validation;

/// <summary>Rules shared by validators for the names that appear in routes and bodies.</summary>
internal static class NameRules
{
    public static IRuleBuilderOptions<T, string?> ResourceName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Domain.Model.ResourceName.IsValid).WithMessage($"must be a resource name: {Domain.Model.ResourceName.Rule}");

    public static IRuleBuilderOptions<T, string?> CatalogName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Domain.Catalog.CatalogName.IsValid).WithMessage($"must be a name of {Domain.Catalog.CatalogName.Rule}");

    public static IRuleBuilderOptions<T, string?> Description<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(2000).WithMessage("must be at most 2000 characters");
}
