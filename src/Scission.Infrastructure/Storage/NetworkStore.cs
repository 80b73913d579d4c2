using System.Data.Common;
using Scission.Domain.Catalog;
using Scission.Domain.Model;

namespace Scission.Infrastructure.Storage;

internal sealed class NetworkStore(StoreDatabase database) : INetworkStore
{
    public async Task<IReadOnlyList<NetworkSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT network, COUNT(*) FROM links GROUP BY network ORDER BY network", null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var networks = new List<NetworkSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            networks.Add(new NetworkSummary(reader.GetString(0), (int)reader.Int64(1)));
        }

        return networks;
    }

    public async Task<IReadOnlyList<LinkRecord>?> GetLinksAsync(string network, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var links = await ReadLinkRecordsAsync(connection, null, network, null, withMeasurements: true, cancellationToken);
        return links.Count > 0 ? links : null;
    }

    public async Task<LinkRecord?> GetLinkAsync(string network, string source, string destination, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadLinkRecordsAsync(connection, null, network, (source, destination), withMeasurements: true, cancellationToken)).SingleOrDefault();
    }

    public async Task<WriteOutcome> PutLinkAsync(string network, NetworkLink link, LinkMeasurement? measurement, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        var current = await VersionAsync(write, network, link.Source, link.Destination, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal(Describe(network, link.Source, link.Destination), current);
        }

        if (await MissingEndAsync(write, link, cancellationToken) is { } missing)
        {
            return WriteOutcome.Refused(WriteFailure.NotFound, missing);
        }

        await UpsertAsync(write, network, link, measurement, cancellationToken);
        await write.ChangedAsync(Sql.NetworkScope(network), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(current is null ? UpsertResult.Created : UpsertResult.Replaced, write.Version);
    }

    public async Task<ImportOutcome> ImportAsync(string network, IReadOnlyList<NetworkLink> links, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        int created = 0, replaced = 0;
        foreach (var link in links)
        {
            if (await MissingEndAsync(write, link, cancellationToken) is { } missing)
            {
                // Named by its ends, so the row is easy to find in whatever file it came from.
                return new ImportOutcome(0, 0, $"the link {link.Source} -> {link.Destination}: {missing}");
            }

            var existed = await VersionAsync(write, network, link.Source, link.Destination, cancellationToken) is not null;
            (existed ? ref replaced : ref created)++;
            await UpsertAsync(write, network, link, null, cancellationToken);
        }

        await write.ChangedAsync(Sql.NetworkScope(network), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return new ImportOutcome(created, replaced, null);
    }

    public async Task<WriteOutcome?> DeleteLinkAsync(string network, string source, string destination, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        var current = await VersionAsync(write, network, source, destination, cancellationToken);
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal(Describe(network, source, destination), current);
        }

        if (current is null)
        {
            return null;
        }

        await write.ExecuteAsync(
            "DELETE FROM links WHERE network = @network AND source = @source AND destination = @destination",
            cancellationToken,
            ("@network", network),
            ("@source", source),
            ("@destination", destination));
        await write.ChangedAsync(Sql.NetworkScope(network), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(UpsertResult.Replaced, current.Value);
    }

    public async Task<WriteOutcome?> DeleteAsync(string network, Precondition? ifMatch, CancellationToken cancellationToken)
    {
        await using var write = await database.WriteAsync(cancellationToken);
        var links = await ReadLinkRecordsAsync(write.Connection, write.Transaction, network, null, withMeasurements: false, cancellationToken);
        long? current = links.Count > 0 ? NetworkVersion.Of(links) : null;
        if (ifMatch is not null && !ifMatch.IsMetBy(current))
        {
            return Precondition.Refusal($"network '{network}'", current);
        }

        if (current is null)
        {
            return null;
        }

        await write.ExecuteAsync("DELETE FROM links WHERE network = @network", cancellationToken, ("@network", network));
        await write.ChangedAsync(Sql.NetworkScope(network), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return WriteOutcome.Done(UpsertResult.Replaced, current.Value);
    }

    /// <summary>The links alone, for the search: their measurements are not read.</summary>
    internal static async Task<IReadOnlyList<NetworkLink>> ReadLinksAsync(DbConnection connection, DbTransaction? transaction, string network, CancellationToken cancellationToken) =>
        [.. (await ReadLinkRecordsAsync(connection, transaction, network, null, withMeasurements: false, cancellationToken)).Select(r => r.Link)];

    private static async Task<List<LinkRecord>> ReadLinkRecordsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string network,
        (string Source, string Destination)? only,
        bool withMeasurements,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"""
            SELECT source, destination, latency_ms, bandwidth_mbps, version{(withMeasurements ? ", measurement" : "")} FROM links
            WHERE network = @network{(only is null ? "" : " AND source = @source AND destination = @destination")} ORDER BY source, destination
            """,
            transaction,
            ("@network", network),
            ("@source", only?.Source),
            ("@destination", only?.Destination));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<LinkRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var measurement = withMeasurements && reader.StringOrNull(5) is { } json ? StoredJson.Measurement(json) : null;
            links.Add(new LinkRecord(new NetworkLink(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3)), measurement) { Version = reader.Int64(4) });
        }

        return links;
    }

    private static string Describe(string network, string source, string destination) => $"link {source} -> {destination} of network '{network}'";

    private static async Task<string?> MissingEndAsync(StoreWrite write, NetworkLink link, CancellationToken cancellationToken)
    {
        foreach (var end in new[] { link.Source, link.Destination })
        {
            if (await write.CountAsync("SELECT COUNT(*) FROM resources WHERE name = @name", cancellationToken, ("@name", end)) == 0)
            {
                return $"resource '{end}' is not registered";
            }
        }

        return null;
    }

    private static Task<long?> VersionAsync(StoreWrite write, string network, string source, string destination, CancellationToken cancellationToken) =>
        write.LongOrNullAsync(
            "SELECT version FROM links WHERE network = @network AND source = @source AND destination = @destination",
            cancellationToken,
            ("@network", network),
            ("@source", source),
            ("@destination", destination));

    private static Task<int> UpsertAsync(StoreWrite write, string network, NetworkLink link, LinkMeasurement? measurement, CancellationToken cancellationToken) =>
        write.ExecuteAsync(
            """
            INSERT INTO links (network, source, destination, latency_ms, bandwidth_mbps, measurement, version)
            VALUES (@network, @source, @destination, @latency, @bandwidth, @measurement, @version)
            ON CONFLICT (network, source, destination) DO UPDATE SET latency_ms = excluded.latency_ms, bandwidth_mbps = excluded.bandwidth_mbps,
                measurement = excluded.measurement, version = excluded.version
            """,
            cancellationToken,
            ("@network", network),
            ("@source", link.Source),
            ("@destination", link.Destination),
            ("@latency", link.LatencyMs),
            ("@bandwidth", link.BandwidthMbps),
            ("@measurement", measurement is null ? null : StoredJson.Measurement(measurement)),
            ("@version", write.Version));
}
