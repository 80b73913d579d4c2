using Scission.Api;
using Scission.Api.Auth;
using Scission.Api.Benchmarks;
using Scission.Api.Charts;
using Scission.Api.Health;
using Scission.Api.Models;
using Scission.Api.Networks;
using Scission.Api.Operations;
using Scission.Api.Partitions;
using Scission.Api.Resources;
using Scission.Api.Validation;
using Scission.Infrastructure;

if (args is [HealthProbe.Command, .. var probe])
{
    return await HealthProbe.RunAsync(probe is [var url, ..] ? url : HealthProbe.DefaultUrl);
}

var builder = WebApplication.CreateBuilder(args);

// Defaults under every other source, so settings files and environment variables still win. In code rather than
// an appsettings.json, which is read from the content root and so missed when the service starts elsewhere.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = ServiceDefaults.Settings });

builder.Services.AddScissionInfrastructure(builder.Configuration);
builder.Services.AddScissionApi();

var app = builder.Build();

app.Use((context, next) =>
{
    // An API's answers are data, never to be sniffed into something a browser would run; set as the answer
    // starts, so that problems written by the exception handler and the limiters carry it too.
    context.Response.OnStarting(() =>
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Task.CompletedTask;
    });
    return next(context);
});
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.UseMiddleware<ApiKeyMiddleware>();
app.UseMiddleware<JsonBodyLimitMiddleware>();


// The page at /ui: static files shipped with the service, no build step and nothing from a CDN. (A route for /ui
// would also match /ui/ and keep the static files from serving it, so the redirect is a middleware.)
app.Use((context, next) =>
{
    if (context.Request.Path.Value == "/ui")
    {
        context.Response.Redirect("/ui/");
        return Task.CompletedTask;
    }

    return next(context);
});
// Scoped to /ui, so no other request looks for a file on disk.
var page = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot", "ui"));
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page, RequestPath = "/ui" });
app.UseStaticFiles(new StaticFileOptions { FileProvider = page, RequestPath = "/ui" });

app.MapOpenApi();
app.UseSwaggerUI(options =>
{
    options.SwaggerEndpoint("/openapi/v1.json", "Scission v1");
    options.RoutePrefix = "swagger";
});

app.MapHealthApi();
app.MapResourcesApi();
app.MapNetworksApi();
app.MapModelsApi();
app.MapModelFilesApi();
app.MapBenchmarksApi();
app.MapBenchmarkPostsApi();
app.MapPartitionsApi();
app.MapChartsApi();
app.MapOperationsApi();

try
{
    if (StartupRefusal.OwnProcess)
    {
        // Settings are checked here, before the host starts: a refusal is then one line, where the host would
        // first log it as a failure to start with its whole stack.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
    }

    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupRefusal.OwnProcess && StartupRefusal.Describe(exception) is { } reason)
{
    // A setting the service cannot run with: one line saying which and why, not a stack trace and SIGABRT.
    await Console.Error.WriteLineAsync($"Scission cannot start: {reason}");
    return 2;
}

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
