// Deliberately broken WebApi services that only the rules' twins look at. Their namespace mimics the WebApi's.
using CleanAuth.Infrastructure;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.ArchitectureFixtures;

/// <summary>Keeps the rule honest: registers Infrastructure and runs its start-up, nothing more.</summary>
public static class WellBehavedFakeStartup
{
    public static async Task StartAsync(IServiceCollection services, IConfiguration configuration, IServiceProvider built)
    {
        services.AddInfrastructure(configuration);
        await built.PrepareDatabaseAsync(CancellationToken.None);
    }
}

/// <summary>Breaks the rule: a WebApi service that injects the DbContext (passes the controller rules: it is no controller).</summary>
public sealed class DbContextFakeService(CleanAuthDbContext db)
{
    public CleanAuthDbContext Db { get; } = db;
}

/// <summary>Breaks the rule: takes the DbContext by EF Core's base type, so no Infrastructure type appears in its signature.</summary>
public sealed class EfDbContextFakeService(DbContext db)
{
    public int Pending => db.ChangeTracker.Entries().Count();
}

/// <summary>Breaks the rule: reads an Infrastructure options type at start-up.</summary>
public sealed class OptionsReadingFakeStartup(IOptions<JwtOptions> jwt)
{
    public bool KeyGenerated => jwt.Value.SigningKeyGenerated;
}
