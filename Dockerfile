# The service for linux-x64: built on the SDK image, run on the ASP.NET runtime image as its non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone first, so that a change in the code keeps the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Scission.Domain/Scission.Domain.csproj src/Scission.Domain/
COPY src/Scission.Onnx/Scission.Onnx.csproj src/Scission.Onnx/
COPY src/Scission.Contracts/Scission.Contracts.csproj src/Scission.Contracts/
COPY src/Scission.Infrastructure/Scission.Infrastructure.csproj src/Scission.Infrastructure/
COPY src/Scission.Api/Scission.Api.csproj src/Scission.Api/
RUN dotnet restore src/Scission.Api -r linux-x64
COPY src/ src/
# The committed OpenAPI document is served as built; the image does not regenerate it.
RUN dotnet publish src/Scission.Api -c Release -r linux-x64 --self-contained false --no-restore -p:OpenApiGenerateDocuments=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir /data && chown "$APP_UID" /data
USER $APP_UID
# A container is reachable from other machines: it refuses to start without an API key (Auth__ApiKey=...)
# unless told to run open (Auth__AllowAnonymous=true).
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ConnectionStrings__Scission="Data Source=/data/scission.db" \
    Auth__RequireKey=true
VOLUME /data
EXPOSE 8080
# The runtime image has no curl: the service probes itself.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "Scission.Api.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "Scission.Api.dll"]
