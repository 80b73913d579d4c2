namespace Scission.Api.Auth;

internal static partial class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddScissionAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth")
            .Validate(o => !o.RequireKey || o.AllowAnonymous || o.Keys().Any(), "no API key is configured: set Auth__ApiKey (or Auth__ApiKeys__{name}), or Auth__AllowAnonymous=true to run open")
            // HTTP trims a header value's ends, so such a key could never be sent and nothing could write.
            .Validate(o => o.Keys().All(k => k.Key.Trim().Length == k.Key.Length), "an API key begins or ends with whitespace, which HTTP trims from the X-Api-Key header: remove it")
            .ValidateOnStart();
        services.AddSingleton<ApiKeys>();
        services.AddHostedService<OpenServiceWarning>();
        return services;
    }

    /// <summary>Says once, at start-up, that anyone who reaches the port may write.</summary>
    private sealed partial class OpenServiceWarning(ApiKeys keys, ILogger<OpenServiceWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!keys.Enabled)
            {
                LogOpen(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "No API key is configured: anyone who reaches this service may change its resources, links, models and benchmarks. Set Auth__ApiKey for anything but local use.")]
        private static partial void LogOpen(ILogger logger);
    }
}
