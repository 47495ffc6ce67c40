using System.Reflection;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using CleanAuth.WebApi.Controllers;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;
using ArchLoader = ArchUnitNET.Loader.ArchLoader;
using InfrastructureRegistration = CleanAuth.Infrastructure.DependencyInjection;

namespace CleanAuth.Architecture.Tests.Support;

/// <summary>The assemblies under test, and the ArchUnitNET models built from them (loaded once per run).</summary>
internal static class Assemblies
{
    public static readonly Assembly Domain = typeof(User).Assembly;
    public static readonly Assembly Application = typeof(ICurrentUser).Assembly;
    public static readonly Assembly Infrastructure = typeof(InfrastructureRegistration).Assembly;
    public static readonly Assembly WebApi = typeof(ApiControllerBase).Assembly;

    /// <summary>This test assembly: it holds the deliberately broken fixtures (and references WebApi).</summary>
    public static readonly Assembly Tests = typeof(Assemblies).Assembly;

    public static readonly Assembly[] Source = [Domain, Application, Infrastructure, WebApi];

    private static readonly Lazy<ArchitectureModel> s_source = new(() => Load(Source));
    private static readonly Lazy<ArchitectureModel> s_sourceWithFixtures = new(() => Load([.. Source, Tests]));

    /// <summary>The four src assemblies: what the real rules are checked against.</summary>
    public static ArchitectureModel SourceArchitecture => s_source.Value;

    /// <summary>The src assemblies plus the broken fixtures: what the rules' twins are checked against.</summary>
    public static ArchitectureModel SourceWithFixturesArchitecture => s_sourceWithFixtures.Value;

    public static IEnumerable<Type> SourceTypes => Source.SelectMany(a => a.GetTypes());

    public static IEnumerable<Type> FixtureTypes =>
        Tests.GetTypes().Where(t => t.Namespace?.EndsWith(".ArchitectureFixtures", StringComparison.Ordinal) == true);

    private static ArchitectureModel Load(Assembly[] assemblies) =>
        new ArchLoader().LoadAssemblies(assemblies).Build();
}
