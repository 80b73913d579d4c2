using Microsoft.Data.Sqlite;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

internal sealed class SqliteNetworkStore(SqliteDatabase database) : INetworkStore
{
    public async Task<IReadOnlyList<NetworkSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT network, COUNT(*) FROM links GROUP BY network ORDER BY network", null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var networks = new List<NetworkSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            networks.Add(new NetworkSummary(reader.GetString(0), reader.GetInt32(1)));
        }

        return networks;
    }

    public async Task<IReadOnlyList<LinkRecord>?> GetLinksAsync(string network, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var links = await ReadLinkRecordsAsync(connection, null, network, withMeasurements: true, cancellationToken);
        return links.Count > 0 ? links : null;
    }

    public async Task<WriteOutcome> PutLinkAsync(string network, NetworkLink link, LinkMeasurement? measurement, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        if (await MissingEndAsync(connection, transaction, link, cancellationToken) is { } missing)
        {
            return WriteOutcome.Refused(WriteFailure.NotFound, missing);
        }

        var existed = await LinkExistsAsync(connection, transaction, network, link, cancellationToken);
        await UpsertAsync(connection, transaction, network, link, measurement, cancellationToken);
        await connection.BumpRevisionAsync(SqlCommands.NetworkScope(network), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome.Done(existed ? UpsertResult.Replaced : UpsertResult.Created);
    }

    public async Task<ImportOutcome> ImportAsync(string network, IReadOnlyList<NetworkLink> links, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        int created = 0, replaced = 0;
        foreach (var link in links)
        {
            if (await MissingEndAsync(connection, transaction, link, cancellationToken) is { } missing)
            {
                return new ImportOutcome(0, 0, missing);
            }

            var existed = await LinkExistsAsync(connection, transaction, network, link, cancellationToken);
            (existed ? ref replaced : ref created)++;
            await UpsertAsync(connection, transaction, network, link, null, cancellationToken);
        }

        await connection.BumpRevisionAsync(SqlCommands.NetworkScope(network), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(created, replaced, null);
    }

    public async Task<bool> DeleteLinkAsync(string network, string source, string destination, CancellationToken cancellationToken)
    {
        return await DeleteWhereAsync(
            network,
            "DELETE FROM links WHERE network = $network AND source = $source AND destination = $destination",
            cancellationToken,
            ("$network", network),
            ("$source", source),
            ("$destination", destination));
    }

    public Task<bool> DeleteAsync(string network, CancellationToken cancellationToken) =>
        DeleteWhereAsync(network, "DELETE FROM links WHERE network = $network", cancellationToken, ("$network", network));

    /// <summary>The links alone, for the search: their measurements are not read.</summary>
    internal static async Task<IReadOnlyList<NetworkLink>> ReadLinksAsync(SqliteConnection connection, SqliteTransaction? transaction, string network, CancellationToken cancellationToken) =>
        [.. (await ReadLinkRecordsAsync(connection, transaction, network, withMeasurements: false, cancellationToken)).Select(r => r.Link)];

    private static async Task<List<LinkRecord>> ReadLinkRecordsAsync(SqliteConnection connection, SqliteTransaction? transaction, string network, bool withMeasurements, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"SELECT source, destination, latency_ms, bandwidth_mbps{(withMeasurements ? ", measurement" : "")} FROM links WHERE network = $network ORDER BY source, destination",
            transaction,
            ("$network", network));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<LinkRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var measurement = withMeasurements && !reader.IsDBNull(4) ? StoredJson.Measurement(reader.GetString(4)) : null;
            links.Add(new LinkRecord(new NetworkLink(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3)), measurement));
        }

        return links;
    }

    private async Task<bool> DeleteWhereAsync(string network, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        if (await connection.ExecuteAsync(sql, transaction, cancellationToken, parameters) == 0)
        {
            return false;
        }

        await connection.BumpRevisionAsync(SqlCommands.NetworkScope(network), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<string?> MissingEndAsync(SqliteConnection connection, SqliteTransaction transaction, NetworkLink link, CancellationToken cancellationToken)
    {
        foreach (var end in new[] { link.Source, link.Destination })
        {
            if (await connection.CountAsync("SELECT COUNT(*) FROM resources WHERE name = $name", transaction, cancellationToken, ("$name", end)) == 0)
            {
                return $"resource '{end}' is not registered";
            }
        }

        return null;
    }

    private static async Task<bool> LinkExistsAsync(SqliteConnection connection, SqliteTransaction transaction, string network, NetworkLink link, CancellationToken cancellationToken) =>
        await connection.CountAsync(
            "SELECT COUNT(*) FROM links WHERE network = $network AND source = $source AND destination = $destination",
            transaction,
            cancellationToken,
            ("$network", network),
            ("$source", link.Source),
            ("$destination", link.Destination)) > 0;

    private static Task<int> UpsertAsync(SqliteConnection connection, SqliteTransaction transaction, string network, NetworkLink link, LinkMeasurement? measurement, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            """
            INSERT INTO links (network, source, destination, latency_ms, bandwidth_mbps, measurement) VALUES ($network, $source, $destination, $latency, $bandwidth, $measurement)
            ON CONFLICT(network, source, destination) DO UPDATE SET latency_ms = excluded.latency_ms, bandwidth_mbps = excluded.bandwidth_mbps, measurement = excluded.measurement
            """,
            transaction,
            cancellationToken,
            ("$network", network),
            ("$source", link.Source),
            ("$destination", link.Destination),
            ("$latency", link.LatencyMs),
            ("$bandwidth", link.BandwidthMbps),
            ("$measurement", measurement is null ? null : StoredJson.Measurement(measurement)));
}
