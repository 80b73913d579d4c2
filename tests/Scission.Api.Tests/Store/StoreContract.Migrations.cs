using Scission.Infrastructure.Storage;

namespace Scission.Api.Tests.Store;

/// <summary>The contract for schema migrations: each step applied once, recorded, and safe when several start together.</summary>
public abstract partial class StoreContract
{
    [SkippableFact]
    public Task MigrationsApplyOnceAndAreRecorded() => WithStoreAsync(async store =>
    {
        Assert.Empty(await store.Database.MigrateAsync(None));
        await using var connection = await store.Database.OpenAsync(None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                versions.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(store.Database.Migrations.Select(m => (long)m.Version), versions);
    });

    [SkippableFact]
    public async Task MigratorsStartingTogetherOnAnEmptyDatabaseApplyEachStepOnce()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var cleanups = new List<Func<ValueTask>>();
        try
        {
            var database = await StoreUnderTest.EmptyAsync(Engine, cleanups);
            var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => database.MigrateAsync(None))));
            Assert.Equal(database.Migrations.Select(m => m.Version), applied.SelectMany(a => a).Order());
            Assert.Empty(await new ResourceStore(database, TimeProvider.System).ListAsync(None));

            // Each store draws its own identity, once: a cache shared by two never mixes their revisions.
            var other = await StoreUnderTest.EmptyAsync(Engine, cleanups);
            await other.MigrateAsync(None);
            var first = (await new PartitionInputsStore(database).GetRevisionsAsync("m", "n", None)).Store;
            var second = (await new PartitionInputsStore(other).GetRevisionsAsync("m", "n", None)).Store;
            Assert.NotEqual(0, first);
            Assert.NotEqual(first, second);
            await database.MigrateAsync(None);
            Assert.Equal(first, (await new PartitionInputsStore(database).GetRevisionsAsync("m", "n", None)).Store);
        }
        finally
        {
            foreach (var cleanup in cleanups)
            {
                await cleanup();
            }
        }
    }
}
