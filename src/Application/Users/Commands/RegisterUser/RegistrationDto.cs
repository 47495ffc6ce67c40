using CleanAuth.Application.Users.Dtos;

namespace CleanAuth.Application.Users.Commands.RegisterUser;

/// <summary>The new user, or null when the service does not reveal whether an email was already registered.</summary>
public sealed record RegistrationDto(UserDto? User);
