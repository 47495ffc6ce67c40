using System.Reflection;
using AutoMapper;
using AutoMapper.Internal;
using CleanAuth.Application.Common.Mappings;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Application.Users.Dtos;
using CleanAuth.Domain.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Application.UnitTests.Mappings;

public sealed class MappingTests
{
    private static readonly Lazy<IConfigurationProvider> s_configuration = new(() =>
        new ServiceCollection()
            .AddApplication(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .BuildServiceProvider()
            .GetRequiredService<IConfigurationProvider>());

    [Fact]
    public void Configuration_WhenBuiltByAddApplication_ShouldBeValid()
    {
        var act = () => s_configuration.Value.AssertConfigurationIsValid();

        act.Should().NotThrow();
    }

    [Fact]
    public void Configuration_WhenBuiltByAddApplication_ShouldIncludeUserDtoMapAndCapDepthOnEveryMap()
    {
        var typeMaps = s_configuration.Value.Internal().GetAllTypeMaps();

        typeMaps.Should().Contain(m => m.SourceType == typeof(Domain.Users.User) && m.DestinationType == typeof(UserDto));
        typeMaps.Should().OnlyContain(m => m.MaxDepth == MappingDefaults.MaxDepth);
    }

    [Fact]
    public void Map_WhenUserHasSeveralRoles_ShouldListThemSortedAndFlagAdmin()
    {
        var user = TestData.NewUser();
        user.AssignRole("support", TestData.Now.AddMinutes(1));
        user.AssignRole(RoleName.Admin, TestData.Now.AddMinutes(2));

        var dto = TestData.Mapper.Map<UserDto>(user);

        dto.Roles.Should().Equal("admin", "support", "user");
        dto.IsAdmin.Should().BeTrue();
    }

    [Fact]
    public void Map_WhenUserIsPlainUser_ShouldCopyEveryFieldAndNotFlagAdmin()
    {
        var user = TestData.NewUser("Alice@Example.com", "Alice");
        user.MarkEmailVerified(TestData.Now.AddMinutes(5));

        var dto = TestData.Mapper.Map<UserDto>(user);

        dto.Id.Should().Be(user.Id);
        dto.Email.Should().Be("Alice@example.com");
        dto.Username.Should().Be("Alice");
        dto.FullName.Should().Be("Alice Liddell");
        dto.IsActive.Should().BeTrue();
        dto.IsAdmin.Should().BeFalse();
        dto.EmailVerified.Should().BeTrue();
        dto.Roles.Should().Equal(RoleName.User);
        dto.CreatedAt.Should().Be(TestData.Now);
        dto.UpdatedAt.Should().Be(TestData.Now.AddMinutes(5));
    }

    [Fact]
    public void UserDto_WhenInspected_ShouldHaveNoHashPasswordOrTokenMember()
    {
        string[] forbidden = ["hash", "password", "token", "secret", "failed", "lockout"];

        var names = typeof(UserDto)
            .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(m => m is PropertyInfo or FieldInfo)
            .Select(m => m.Name)
            .ToList();

        names.Should().NotBeEmpty();
        names.Should().NotContain(n => forbidden.Any(f => n.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }
}
