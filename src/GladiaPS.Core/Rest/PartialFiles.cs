using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text.RegularExpressions;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// The temporary files downloads write before moving them into place (".name.gladiaps-0123456789ab.partial": the marker keeps other programs' files out of the clean-up). Each is deleted
    /// when its download ends however it ends, those still open when the process exits are deleted then, and those a
    /// killed process left behind are deleted by the next download into the same folder once nothing has written them
    /// for longer than any live download could pause.
    /// </summary>
    internal static class PartialFiles
    {
        private static readonly Regex Name = new Regex(@"^\..+\.gladiaps-[0-9a-f]{12}\.partial$", RegexOptions.CultureInvariant);
        private static readonly ConcurrentDictionary<string, bool> Open = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private static readonly TimeSpan MinimumStaleAge = TimeSpan.FromMinutes(5);

        static PartialFiles()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var path in Open.Keys)
                {
                    TryDelete(path);
                }
            };
        }

        /// <summary>A new temporary name beside <paramref name="fullPath"/>, deleted at process exit if still there.</summary>
        public static string Create(string fullPath)
        {
            var path = Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + ".gladiaps-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".partial");
            Open[path] = true;
            return path;
        }

        public static void Delete(string path)
        {
            TryDelete(path);
            Open.TryRemove(path, out _);
        }

        /// <summary>
        /// Deletes the temporary files in <paramref name="directory"/> that no download of this process has open and that
        /// nothing has written for twice <paramref name="idleTimeout"/> (at least 5 minutes): a download that pauses that
        /// long has failed already.
        /// </summary>
        public static void DeleteStale(string directory, TimeSpan idleTimeout)
        {
            var age = TimeSpan.FromTicks(Math.Max(MinimumStaleAge.Ticks, idleTimeout.Ticks * 2));
            string[] candidates;
            try
            {
                candidates = Directory.GetFiles(directory, ".*.gladiaps-*.partial");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return;
            }

            foreach (var path in candidates)
            {
                try
                {
                    if (Name.IsMatch(Path.GetFileName(path)) && !Open.ContainsKey(path) && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > age)
                    {
                        File.Delete(path);
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Another process may hold it, or the folder refuses: it is tried again next time.
                }
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The temporary file stays behind only if the file system refuses to delete it; the next download cleans it.
            }
        }
    }
}
