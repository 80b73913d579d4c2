using Scission.Infrastructure.Storage;
using Scission.Testing;

namespace Scission.Api.Tests.Store;

/// <summary>A PostgreSQL that cannot be reached is "unavailable" (503 with Retry-After), not a fault.</summary>
public sealed class PostgresUnavailableTests
{
    [Fact]
    public async Task AServerThatDoesNotAnswerIsUnavailableAndTheHealthCheckSaysSo()
    {
        await using var database = new PostgresStoreDatabase($"Host=127.0.0.1;Port={RedisServer.FreePort()};Username=nobody;Timeout=3");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => database.OpenAsync(CancellationToken.None));

        Assert.True(database.IsUnavailable(failure), failure.ToString());
        Assert.False(database.IsUnavailable(new InvalidOperationException("a bug")));
        using var inputs = new PartitionInputsStore(database);
        Assert.False(await inputs.PingAsync(CancellationToken.None));
    }
}
