namespace CleanAuth.Infrastructure.FileSystem;

/// <summary>
/// Folders and files that hold secrets (the SQLite database, mailed reset links) are for the service's own user only:
/// folders 0700, files 0600, set explicitly so the process umask does not decide. On Windows, where these modes do
/// not exist, they are created as usual.
/// </summary>
internal static class OwnerOnly
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder and any missing parent 0700; existing folders keep their mode.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }

        // One at a time: Directory.CreateDirectory gives the mode to the last folder only, and mkdir applies the umask.
        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
            File.SetUnixFileMode(folder, FolderMode);
        }
    }

    /// <summary>Creates a new file 0600 and opens it for writing; fails if it exists.</summary>
    public static FileStream CreateFile(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, options);
        }

        options.UnixCreateMode = FileMode;
        var stream = new FileStream(path, options);
        File.SetUnixFileMode(stream.SafeFileHandle, FileMode); // open applies the umask
        return stream;
    }

    /// <summary>Creates an empty file 0600 unless one exists.</summary>
    public static void EnsureFile(string path)
    {
        try
        {
            CreateFile(path).Dispose();
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there (perhaps created a moment ago by another process): it keeps its mode.
        }
    }

    /// <summary>The mode of an existing folder or file that others (group or other) may use; null if it is private, missing, or on Windows.</summary>
    public static UnixFileMode? LooseMode(string path)
    {
        if (OperatingSystem.IsWindows() || (!File.Exists(path) && !Directory.Exists(path)))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOther) != 0 ? mode : null;
    }

    /// <summary>A mode as the octal digits <c>chmod</c> takes, e.g. 755.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8);
}
