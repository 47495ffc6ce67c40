using System.Diagnostics;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The built app as an operator starts it, with the settings a production start needs (a strong signing key, a public
/// URL, PostgreSQL on a port where nothing listens: any attempt to touch the database fails) plus the variables a test
/// gives: for start-up refusals, which must come before any port or database is touched.
/// </summary>
public static class SettingsRun
{
    private const string PublicUrl = "https://auth.example.com";
    private static readonly string s_strongKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <param name="environmentName">ASPNETCORE_ENVIRONMENT.</param>
    /// <param name="variables">Environment variables as <c>Name=value</c>, over the defaults.</param>
    /// <param name="verb">A verb to run (e.g. <c>migrate</c>) instead of serving.</param>
    /// <param name="sqlite">On a fresh SQLite file instead of the unreachable PostgreSQL (for runs that must pass).</param>
    public static async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(string environmentName, string[] variables, string? verb = null, bool sqlite = false)
    {
        var workDir = Directory.CreateTempSubdirectory("cleanauth-settings-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = environmentName,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{AppProcess.FreePort()}",
                ["Jwt__SigningKey"] = s_strongKey,
                ["App__PublicBaseUrl"] = PublicUrl,
                ["Database__Provider"] = sqlite ? "Sqlite" : "Postgres",
                ["ConnectionStrings__Default"] = sqlite ? $"Data Source={Path.Combine(workDir, "settings.db")}" : "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=30",
            };
            foreach (var variable in variables)
            {
                var (name, value) = (variable[..variable.IndexOf('=', StringComparison.Ordinal)], variable[(variable.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                environment[name] = value;
            }

            var timer = Stopwatch.StartNew();
            var (exitCode, stdout, stderr) = await AppProcess.RunAsync(environment, verb is null ? [] : [verb], TestContext.Current.CancellationToken, workDir);
            return (exitCode, stdout + stderr, timer.Elapsed);
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }
}
