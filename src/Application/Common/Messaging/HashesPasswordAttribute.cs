namespace CleanAuth.Application.Common.Messaging;

/// <summary>
/// The request hashes a password (a login, a registration, a password change or reset, an account deletion): while
/// hashing is saturated it is refused with 503 and <c>Retry-After</c> before it does any other work
/// (<see cref="Behaviors.PasswordHashingCapacityBehavior{TRequest, TResponse}"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HashesPasswordAttribute : Attribute;
