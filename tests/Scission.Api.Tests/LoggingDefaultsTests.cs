using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scission.Api.Tests.Support;

namespace Scission.Api.Tests;

public sealed class LoggingDefaultsTests : ApiTest
{
    [Fact]
    public void RequestsAreNotLoggedOneByOneButTheServicesOwnInformationIs()
    {
        var loggers = Factory.Services.GetRequiredService<ILoggerFactory>();

        // Six lines per request at Information would be most of a busy service's work and disk.
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Scission.Infrastructure.InfrastructureServiceCollectionExtensions").IsEnabled(LogLevel.Information));
    }
}
