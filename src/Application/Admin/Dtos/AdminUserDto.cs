using AutoMapper;
using CleanAuth.Domain.Authorization;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Admin.Dtos;

/// <summary>A user as administrators see it in lists: the user plus the last successful login.</summary>
public record AdminUserDto
{
    public required Guid Id { get; init; }

    public required string Email { get; init; }

    public required string Username { get; init; }

    public string? FullName { get; init; }

    public required bool IsActive { get; init; }

    public required bool IsAdmin { get; init; }

    public required bool EmailVerified { get; init; }

    public string? PendingEmail { get; init; }

    /// <summary>Sorted, never empty.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; init; }

    /// <summary>The last successful login; null if the account never logged in.</summary>
    public DateTime? LastLoginAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<User, AdminUserDto>()
                .ForMember(d => d.Roles, o => o.MapFrom(s => s.Roles.Select(r => r.Role).OrderBy(r => r).ToList()))
                .ForMember(d => d.IsAdmin, o => o.MapFrom(s => s.Roles.Any(r => r.Role == RoleName.Admin)));
            CreateMap<User, AdminUserDetailsDto>()
                .IncludeBase<User, AdminUserDto>()
                .ForMember(d => d.ActiveSessions, o => o.Ignore());
        }
    }
}

/// <summary>One user as administrators see it (outside lists): also how many sessions are active.</summary>
public sealed record AdminUserDetailsDto : AdminUserDto
{
    public required int ActiveSessions { get; init; }
}
