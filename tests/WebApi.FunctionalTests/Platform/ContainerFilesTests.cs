using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// No container engine runs here, so the rules of the Dockerfile and compose.yaml that matter are read from the files:
/// a multi-stage build, a non-root runtime user, a health check without curl, no secret in compose.yaml, and the
/// build context without secrets or tests.
/// </summary>
public sealed partial class ContainerFilesTests
{
    private static readonly string s_root = RepositoryRoot();

    [Fact]
    public void Dockerfile_ShouldBuildWithTheSdkAndRunOnTheAspNetRuntimeAsANonRootUserWithAHealthCheck()
    {
        var instructions = Instructions(File.ReadAllText(Path.Combine(s_root, "Dockerfile")));
        var stages = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        stages.Should().HaveCount(2, "a build stage and a runtime stage");
        stages[0].Should().MatchRegex(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0\S* AS build$");
        stages[1].Should().MatchRegex(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0\S*( AS \S+)?$");

        var runtime = instructions.SkipWhile(i => i.Arguments != stages[1]).Skip(1).ToList();
        runtime.Where(i => i.Keyword == "COPY").Should().OnlyContain(i => i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal),
            "the runtime image gets the published app only, no sources");
        var user = runtime.Should().ContainSingle(i => i.Keyword == "USER").Subject;
        user.Arguments.Should().NotMatchRegex(@"^(root|0)(:.*)?$", "the service does not run as root");
        runtime.FindIndex(i => i.Keyword == "USER").Should().BeLessThan(runtime.FindIndex(i => i.Keyword == "ENTRYPOINT"), "the user is set before the app starts");
        var healthCheck = runtime.Should().ContainSingle(i => i.Keyword == "HEALTHCHECK").Subject.Arguments;
        healthCheck.Should().Contain("CMD [\"dotnet\", \"/app/CleanAuth.WebApi.dll\", \"healthcheck\"]", "the app checks its own /health");
        healthCheck.Should().NotContainAny("curl", "wget");
        runtime.Should().ContainSingle(i => i.Keyword == "ENTRYPOINT").Which.Arguments.Should().Be("[\"dotnet\", \"/app/CleanAuth.WebApi.dll\"]");
    }

    [Fact]
    public void Compose_ShouldRunTheApiAndPostgresOnANamedVolumeWithEverySecretFromTheEnvironment()
    {
        var lines = File.ReadAllLines(Path.Combine(s_root, "compose.yaml")).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var text = string.Join('\n', lines);

        text.Should().MatchRegex(@"(?m)^  api:\n(    .*\n)*?    build: \.$", "the API is built from this repository's Dockerfile");
        text.Should().MatchRegex(@"(?m)^  db:\n    image: postgres:\d+");
        text.Should().Contain("- pgdata:/var/lib/postgresql/data").And.MatchRegex(@"(?m)^volumes:\n(  .*\n)*?  pgdata:", "PostgreSQL keeps its data in a named volume");
        text.Should().Contain("Database__Provider: Postgres");

        var secretSettings = lines.Where(l => SecretKey().IsMatch(l)).ToList();
        secretSettings.Should().HaveCountGreaterThanOrEqualTo(2, "the signing key and the database password are set");
        secretSettings.Should().OnlyContain(l => RequiredVariable().IsMatch(l), "every secret is a required environment variable, never a literal");
        Regex.Matches(text, @"Password=([^;""]*)").Should().NotBeEmpty().And.OnlyContain(m => RequiredVariable().IsMatch(m.Groups[1].Value),
            "the connection string's password comes from the environment too");
        text.Should().MatchRegex(@"stop_grace_period: (3[1-9]|[4-9]\d|\d{3,})s", "longer than HostOptions:ShutdownTimeout (30 s)");
    }

    [Fact]
    public void DockerIgnore_ShouldKeepSecretsTestsAndBuildOutputOutOfTheBuildContext()
    {
        var entries = File.ReadAllLines(Path.Combine(s_root, ".dockerignore")).Select(l => l.Trim()).ToList();

        entries.Should().Contain([".env", ".git/", "tests/", "**/bin/", "**/obj/", "**/data/", "artifacts/"]);
    }

    /// <summary>Dockerfile instructions (keyword upper-cased, continuation lines joined), comments dropped.</summary>
    private static List<(string Keyword, string Arguments)> Instructions(string dockerfile)
    {
        var instructions = new List<(string Keyword, string Arguments)>();
        foreach (var line in Regex.Replace(dockerfile, @"\\\r?\n\s*", " ").Split('\n').Select(l => l.Trim()))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                var parts = line.Split(' ', 2);
                instructions.Add((parts[0].ToUpperInvariant(), parts.Length > 1 ? Regex.Replace(parts[1].Trim(), @"\s+", " ") : ""));
            }
        }

        return instructions;
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    [GeneratedRegex(@"(?i)^\s*[\w.]*(password|signingkey|secret|token|apikey)[\w.]*\s*:")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"^\s*[^:]*:\s*""?\$\{[A-Z_]+:\?[^}]+\}""?\s*$|^\$\{[A-Z_]+:\?[^}]+\}$")]
    private static partial Regex RequiredVariable();
}
