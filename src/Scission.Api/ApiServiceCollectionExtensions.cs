using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Scission.Api.Auth;
using Scission.Api.Models;
using Scission.Api.OpenApi;
using Scission.Api.Operations;
using Scission.Api.Partitions;
using Scission.Api.Validation;

namespace Scission.Api;

/// <summary>Everything the HTTP surface needs: JSON rules, problems, validation, OpenAPI.</summary>
internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddScissionApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            // Strict numbers keep the OpenAPI schema at "number" instead of "number | string".
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        // Binding failures reach the exception handler, which names the offending field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        // Singletons: validators hold no state, and building one compiles its rules' expressions, which per request
        // (the default, scoped) held cached partition queries well below what they reach without it.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<RequiredIsNotNullTransformer>();
            options.AddOperationTransformer<ModelUploadTransformer>();
            options.AddDocumentTransformer<ApiKeySecurityTransformer>();
            options.AddOperationTransformer<ApiKeySecurityTransformer>();
            options.AddDocumentTransformer<ContractTransformer>();
            options.AddOperationTransformer<ContractTransformer>();
        });
        services.AddScissionAuth();
        services.AddScissionRateLimiting();
        services.AddSingleton<CompiledInputs>();
        services.AddSingleton<PartitionService>();
        services.AddSingleton<PartitionSweeps>();
        services.AddOptions<OnnxOptions>().BindConfiguration("Onnx").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration("Limits").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration("Search").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BenchmarkRunQueue>();
        services.AddHostedService<BenchmarkRunService>();
        services.AddHostedService<InstanceHeartbeat>();
        services.AddOptions<OperationOptions>().BindConfiguration("Operations").ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
