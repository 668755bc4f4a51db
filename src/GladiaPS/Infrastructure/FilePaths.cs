using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// -Path (wildcards expanded) and -LiteralPath (taken as written, or a PSPath from Get-ChildItem) to file system
    /// paths, for every command that reads files. A path that resolves to nothing is a non-terminating error naming it.
    /// </summary>
    internal static class FilePaths
    {
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string path, bool literal)
        {
            var files = new List<string>();
            try
            {
                if (literal)
                {
                    var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                    if (provider.Name != "FileSystem")
                    {
                        throw new ArgumentException("'" + path + "' is not a file system path.");
                    }

                    if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    {
                        throw new FileNotFoundException("'" + path + "' does not exist.", resolved);
                    }

                    files.Add(resolved);
                }
                else
                {
                    var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                    if (provider.Name != "FileSystem")
                    {
                        throw new ArgumentException("'" + path + "' is not a file system path.");
                    }

                    files.AddRange(resolved);
                }
            }
            catch (ItemNotFoundException exception)
            {
                cmdlet.WriteError(new ErrorRecord(exception, "FileNotFound", ErrorCategory.ObjectNotFound, path));
            }
            catch (Exception exception) when (exception is ArgumentException or IOException or NotSupportedException or PSNotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                cmdlet.WriteError(GladiaErrors.From(exception, path));
            }

            return files;
        }
    }
}
