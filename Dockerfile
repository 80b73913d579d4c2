# Build and publish for linux-x64, then run on the ASP.NET runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Scission.Api -c Release -r linux-x64 --self-contained false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# A container is reachable from other machines: it refuses to start without an API key (Auth__ApiKey=...)
# unless told to run open (Auth__AllowAnonymous=true).
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ConnectionStrings__Scission="Data Source=/data/scission.db" \
    Auth__RequireKey=true
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Scission.Api.dll"]
