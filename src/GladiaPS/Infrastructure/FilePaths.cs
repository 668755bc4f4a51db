using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// -Path (wildcards expanded) and -LiteralPath (taken as written, or a PSPath from Get-ChildItem) to file system
    /// paths, for every command that reads files. A path that resolves to nothing, or to something that is not a file (a
    /// named pipe, a device), is a non-terminating error naming it.
    /// </summary>
    internal static class FilePaths
    {
        private const int MaxLinkHops = 40;

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

                    if (resolved.Count == 0)
                    {
                        // A wildcard that matches nothing: said, as Get-Content says it, rather than doing nothing in silence.
                        throw new ItemNotFoundException("No file matches '" + path + "'.");
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

            return files.Where(file => CheckRegular(cmdlet, file, path)).ToList();
        }

        /// <summary>
        /// What <paramref name="path"/> is when it exists but is neither a regular file nor a folder (a named pipe, a device,
        /// a socket), following symbolic links; null for a file, a folder, or where the platform cannot tell (Windows has
        /// none of these on a file system path). Opening a named pipe that nothing writes to waits for ever, before any
        /// cancellation can reach it, so such paths are refused before they are opened.
        /// </summary>
        public static string? SpecialFileKind(PSCmdlet cmdlet, string path)
        {
            for (var hops = 0; hops < MaxLinkHops; hops++)
            {
                Collection<PSObject> items;
                try
                {
                    items = cmdlet.InvokeProvider.Item.Get(new[] { path }, true, true);
                }
                catch (Exception exception) when (exception is ItemNotFoundException or IOException or UnauthorizedAccessException or ArgumentException or ProviderInvocationException)
                {
                    return null;
                }

                // PowerShell on Unix gives each file system item its stat (lstat: a link is itself) as UnixStat.
                var stat = items.Count == 1 ? items[0].Properties["UnixStat"]?.Value : null;
                var type = stat is null ? null : PSObject.AsPSObject(stat).Properties["ItemType"]?.Value?.ToString();
                switch (type)
                {
                    case null:
                    case "File":
                    case "Directory":
                        return null;
                    case "SymbolicLink":
                        var target = items[0].Properties["Target"]?.Value?.ToString();
                        if (string.IsNullOrEmpty(target))
                        {
                            return null;
                        }

                        path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? string.Empty, target);
                        continue;
                    case "NamedPipe":
                        return "a named pipe (FIFO)";
                    case "CharacterDevice":
                    case "BlockDevice":
                        return "a device";
                    case "Socket":
                        return "a socket";
                    default:
                        return "not a regular file (" + type + ")";
                }
            }

            return null;
        }

        // A path that is not a regular file is a non-terminating error naming it, and is left out.
        private static bool CheckRegular(PSCmdlet cmdlet, string file, string given)
        {
            if (SpecialFileKind(cmdlet, file) is not { } kind)
            {
                return true;
            }

            var advice = cmdlet.MyInvocation.MyCommand.Parameters.ContainsKey("Stream")
                ? StreamAdvice
                : "To transcribe what it gives, copy it to a regular file first.";
            cmdlet.WriteError(GladiaErrors.Create(NotAFileMessage(file, kind, advice), "NotAFile", ErrorCategory.InvalidArgument, given));
            return false;
        }

        /// <summary>What a command with a -Stream parameter advises for a path that is not a regular file.</summary>
        public const string StreamAdvice = "To read from it, open it yourself and pass the stream with -Stream.";

        /// <summary>The refusal of a path that is <paramref name="kind"/>, with the command's own <paramref name="advice"/>.</summary>
        public static string NotAFileMessage(string file, string kind, string advice) =>
            "'" + file + "' is " + kind + ", not a regular file: only files are read by path. " + advice;
    }
}
