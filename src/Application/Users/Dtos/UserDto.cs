using AutoMapper;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Users.Dtos;

/// <summary>A user as the API shows it: never a password hash, a token or an internal counter.</summary>
public sealed record UserDto
{
    public required Guid Id { get; init; }

    public required string Email { get; init; }

    public required string Username { get; init; }

    public string? FullName { get; init; }

    public required bool IsActive { get; init; }

    public required bool IsAdmin { get; init; }

    public required bool EmailVerified { get; init; }

    /// <summary>An address the user is switching to, until confirmed from the link mailed to it.</summary>
    public string? PendingEmail { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() =>
            CreateMap<User, UserDto>()
                .ForMember(d => d.Roles, o => o.MapFrom(s => s.Roles.Select(r => r.Role).OrderBy(r => r).ToList()))
                .ForMember(d => d.IsAdmin, o => o.MapFrom(s => s.Roles.Any(r => r.Role == Domain.Authorization.RoleName.Admin)));
    }
}
