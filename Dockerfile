# CleanAuth API image: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime as a non-root user.
#   docker build -t cleanauth .        (or: docker compose up --build, see compose.yaml and the README)

# ---- build ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the restore layer survives source changes.
# global.json is left out on purpose: it pins a developer SDK feature band the image need not have.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/Domain.csproj src/Domain/
COPY src/Application/Application.csproj src/Application/
COPY src/Infrastructure/Infrastructure.csproj src/Infrastructure/
COPY src/WebApi/WebApi.csproj src/WebApi/
RUN dotnet restore src/WebApi/WebApi.csproj
COPY src/ src/
RUN dotnet publish src/WebApi/WebApi.csproj -c Release -o /app --no-restore

# ---- runtime ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The application files stay root's (read-only to the service); data/ (embedded SQLite, mail pickup) is the
# service's own, private to it.
COPY --from=build /app ./
RUN mkdir -p /app/data && chown "$APP_UID" /app/data && chmod 0700 /app/data
# DOTNET_GCgen0size: a floor under the GC's young-generation budget, about what it picks by itself on a host that
# reports a 40 MB cache; on one that hides its cache sizes (some VMs and sandboxes) it otherwise collects every 2 MB
# allocated, dozens of times a second under load (ADR-022). An environment variable: runtimeconfig.json cannot set it.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_GCgen0size=0x2000000 \
    DOTNET_NOLOGO=1
EXPOSE 8080
# The image's unprivileged "app" user (APP_UID, 1654), by number so a runtime can verify it is not root.
USER $APP_UID
# No curl in the image: the app asks its own /health (exit 0 healthy, 1 not).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/CleanAuth.WebApi.dll", "healthcheck"]
# SIGTERM (docker stop) shuts down gracefully within HostOptions:ShutdownTimeout (30 s): give it a longer grace period.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/CleanAuth.WebApi.dll"]
