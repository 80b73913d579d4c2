namespace Scission.Api.Tests.Support;

/// <summary>A test class with its own service and database; <see cref="SeedAsync"/> runs before each test.</summary>
public abstract class ApiTest : IAsyncLifetime, IDisposable
{
    protected ScissionApiFactory Factory { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        await SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected async Task RegisterAsync(params (string Name, string Tier)[] resources)
    {
        foreach (var (name, tier) in resources)
        {
            (await Client.PutJsonAsync($"/v1/resources/{Uri.EscapeDataString(name)}", new { tier })).EnsureSuccessStatusCode();
        }
    }
}
