using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

// A minimal ASP.NET Core Identity API, the comparison point of build/bench.sh: MapIdentityApi with bearer tokens
// (/register, /login, /refresh, ...), its default PBKDF2 hasher (HMAC-SHA512, 100,000 iterations), EF Core on PostgreSQL,
// plus /users/me (the user looked up through UserManager, as CleanAuth's /api/v1/users/me reads its user) and
// /users/me/claims (the token alone, no database). Its schema is created at start-up (EnsureCreated, no migrations).
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDbContext<BaselineDbContext>(options =>
    options.UseNpgsql(builder.Configuration.GetConnectionString("Default")));
builder.Services.AddAuthorization();
builder.Services.AddIdentityApiEndpoints<IdentityUser>().AddEntityFrameworkStores<BaselineDbContext>();
builder.Services.AddHealthChecks();

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<BaselineDbContext>().Database.EnsureCreatedAsync();
}

app.MapHealthChecks("/health");
app.MapIdentityApi<IdentityUser>();

var me = app.MapGroup("/users/me").RequireAuthorization();
me.MapGet("/", async (ClaimsPrincipal principal, UserManager<IdentityUser> users) =>
    await users.GetUserAsync(principal) is { } user
        ? Results.Ok(new CurrentUserResponse(user.Id, user.Email, user.UserName, user.EmailConfirmed))
        : Results.Unauthorized());
me.MapGet("/claims", (ClaimsPrincipal principal) =>
    Results.Ok(principal.Claims.Select(claim => new ClaimResponse(claim.Type, claim.Value))));

await app.RunAsync();

/// <summary>Identity's own schema (AspNetUsers, AspNetUserClaims, ...).</summary>
internal sealed class BaselineDbContext(DbContextOptions<BaselineDbContext> options) : IdentityDbContext<IdentityUser>(options);

internal sealed record CurrentUserResponse(string Id, string? Email, string? UserName, bool EmailConfirmed);

internal sealed record ClaimResponse(string Type, string Value);
