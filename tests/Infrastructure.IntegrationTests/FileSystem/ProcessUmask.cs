using System.Runtime.InteropServices;

namespace CleanAuth.Infrastructure.IntegrationTests.FileSystem;

/// <summary>Sets the process umask (libc <c>umask</c>) for the lifetime of the returned scope, then restores it.</summary>
internal static class ProcessUmask
{
    /// <summary>The usual default: group and others may read what is created.</summary>
    public const uint Usual = 0b000_010_010; // 022

    public static IDisposable Set(uint mask) => new Scope(Umask(mask));

    // DllImport, not LibraryImport: the signature is blittable, and LibraryImport would need unsafe code enabled.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054

    private sealed class Scope(uint previous) : IDisposable
    {
        public void Dispose() => _ = Umask(previous);
    }
}
