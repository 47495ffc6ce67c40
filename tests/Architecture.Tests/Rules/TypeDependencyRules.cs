using ArchUnitNET.Fluent;
using Microsoft.AspNetCore.Mvc;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace CleanAuth.Architecture.Tests.Rules;

/// <summary>
/// Type-level layer rules (ArchUnitNET): they see every dependency in signatures and method bodies, so they catch
/// what assembly references cannot, such as a type in the right assembly but the wrong namespace.
/// </summary>
internal static class TypeDependencyRules
{
    public const string DomainNamespace = @"^CleanAuth\.Domain(\..+)?$";
    public const string ApplicationNamespace = @"^CleanAuth\.Application(\..+)?$";
    public const string InfrastructureNamespace = @"^CleanAuth\.Infrastructure(\..+)?$";
    public const string WebApiNamespace = @"^CleanAuth\.WebApi(\..+)?$";
    public const string WebApiFixturesNamespace = @"^CleanAuth\.WebApi\.ArchitectureFixtures$";

    public static IArchRule DomainDependsOnNoOuterLayer { get; } =
        Types().That().ResideInNamespaceMatching(DomainNamespace)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(ApplicationNamespace)
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InfrastructureNamespace)
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(WebApiNamespace)
            .Because("the domain is the core: outer layers depend on it, never the reverse");

    public static IArchRule ApplicationDependsOnNoOuterLayer { get; } =
        Types().That().ResideInNamespaceMatching(ApplicationNamespace)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InfrastructureNamespace)
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(WebApiNamespace)
            .Because("the application layer declares ports; Infrastructure and WebApi implement and call them");

    public static IArchRule ControllersUseNoInfrastructureOrRepository { get; } =
        Classes().That().AreAssignableTo(typeof(ControllerBase))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(InfrastructureNamespace)
            .AndShould().NotDependOnAny(
                Interfaces().That().ResideInNamespaceMatching(DomainNamespace).And().HaveNameEndingWith("Repository"))
            .Because("controllers only translate HTTP to requests sent through IMediator");

    /// <summary>
    /// The WebApi is the composition root: of Infrastructure it may call only the registration and start-up types
    /// (<see cref="Infrastructure.DependencyInjection"/>, <see cref="Infrastructure.InfrastructureStartup"/>), and it
    /// touches no EF Core type (so no service of its can take the DbContext, under any of its names).
    /// </summary>
    public static IArchRule WebApiUsesOnlyInfrastructureRegistration { get; } =
        Types().That().ResideInAssembly(typeof(CleanAuth.WebApi.DependencyInjection).Assembly).Or().ResideInNamespaceMatching(WebApiFixturesNamespace)
            .Should().NotDependOnAny(
                Types().That().ResideInNamespaceMatching(InfrastructureNamespace)
                    .And().AreNot(typeof(Infrastructure.DependencyInjection), typeof(Infrastructure.InfrastructureStartup)))
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Microsoft\.EntityFrameworkCore(\..+)?$")
            .Because("the WebApi knows Infrastructure only through its composition root: a layer-crossing shortcut shows here");

    /// <summary>One line per failing type, starting with the type's full name.</summary>
    public static IReadOnlyList<string> Violations(IArchRule rule, ArchitectureModel architecture) =>
        [.. rule.Evaluate(architecture).Where(result => !result.Passed).Select(result => result.Description)];
}
