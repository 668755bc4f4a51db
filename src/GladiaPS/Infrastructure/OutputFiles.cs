using System;
using System.IO;
using System.Management.Automation;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Where the commands that write files put them, and what they write to the pipeline for each: the file system
    /// provider's item, as Get-Item gives it (so the default view shows its mode, size and folder).
    /// </summary>
    internal static class OutputFiles
    {
        /// <summary>
        /// The file a -Path parameter means for <paramref name="fileName"/>: in the current folder when it is empty; in
        /// the folder it names when that exists or it ends with a separator (made once the write is confirmed); else the
        /// one file it names (<paramref name="namesOneFile"/>), which a second item must not overwrite.
        /// </summary>
        /// <exception cref="ArgumentException">The path is not a file system path, or the name would leave the folder.</exception>
        public static string Destination(PSCmdlet cmdlet, string? path, string fileName, out bool namesOneFile)
        {
            namesOneFile = false;
            if (string.IsNullOrEmpty(path))
            {
                return InFolder(cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath, fileName);
            }

            var resolved = FileSystemPath(cmdlet, path!);
            if (NamesFolder(cmdlet, path!))
            {
                return InFolder(resolved, fileName);
            }

            namesOneFile = true;
            return resolved;
        }

        /// <summary>Whether a -Path names a folder: one that exists, or any path ending with a separator ("-Path .\audio\").</summary>
        public static bool NamesFolder(PSCmdlet cmdlet, string path) =>
            path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal) || Directory.Exists(FileSystemPath(cmdlet, path));

        /// <summary>A PowerShell path (relative, a drive, a PSPath) as the file system path it names.</summary>
        /// <exception cref="ArgumentException">It names something other than a file system path.</exception>
        public static string FileSystemPath(PSCmdlet cmdlet, string path)
        {
            var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                throw new ArgumentException("'" + path + "' is not a file system path.", nameof(path));
            }

            return resolved;
        }

        /// <summary>
        /// The file <paramref name="fileName"/> in <paramref name="folder"/>, and nowhere else: names made from ids are
        /// checked to be ids already (<see cref="Core.GladiaId"/>), and the full path is checked again so no name can
        /// climb out of the folder or be rooted.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="fileName"/> is not a plain name in the folder.</exception>
        public static string InFolder(string folder, string fileName)
        {
            var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(Path.Combine(root, fileName));
            if (Path.IsPathRooted(fileName) || !full.StartsWith(root, StringComparison.Ordinal) ||
                Path.GetDirectoryName(full) + Path.DirectorySeparatorChar != root)
            {
                throw new ArgumentException("'" + fileName + "' is not a file name inside '" + folder + "'.", nameof(fileName));
            }

            return full;
        }

        /// <summary>The file as the file system provider gives it (Get-Item's output: a FileInfo with PSPath, PSParentPath…).</summary>
        public static PSObject Item(PSCmdlet cmdlet, string path)
        {
            var items = cmdlet.InvokeProvider.Item.Get(new[] { path }, false, true);
            return items.Count > 0 ? items[0] : PSObject.AsPSObject(new FileInfo(path));
        }
    }
}
