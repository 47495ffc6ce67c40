using CleanAuth.Application.Common.Interfaces;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// On each action whose command hashes a password (<c>[HashesPassword]</c>): while password hashing is saturated, the
/// 503 with <c>Retry-After</c> is written here, before the body is read and before MediatR, and nothing is thrown past
/// this frame. Under a login flood most requests are refused, so a refusal must cost little: thrown from the pipeline,
/// it unwound a dozen async frames, and the flood kept a health probe waiting (issue 10); nothing is thrown at all now. The pipeline's
/// <c>PasswordHashingCapacityBehavior</c> makes the same check for every other caller.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ShedWhenHashingIsSaturatedAttribute : Attribute, IAsyncResourceFilter
{
    public Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<IPasswordHasher>().ShouldShed(out var retryAfter)
            ? ApiProblems.WriteShedAsync(context.HttpContext, retryAfter).AsTask()
            : next();
}
