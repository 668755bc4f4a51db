using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GladiaPS.Loading
{
    /// <summary>
    /// Loads the core and its third-party assemblies from the module's dependencies/ folder without disturbing
    /// whatever else the host has loaded: an isolated AssemblyLoadContext on PowerShell 7, an AssemblyResolve
    /// handler limited to that folder on Windows PowerShell 5.1. Registered once per process.
    /// </summary>
    internal static class DependencyLoader
    {
        private static readonly object Gate = new object();
        private static string? _folder;

        /// <summary>The folder dependencies are loaded from, once registered.</summary>
        public static string? Folder => _folder;

        public static void Register()
        {
            lock (Gate)
            {
                if (_folder is not null)
                {
                    return;
                }

                var moduleFolder = Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? string.Empty;
                var folder = Path.Combine(moduleFolder, "dependencies");
                if (!Directory.Exists(folder))
                {
                    // A flat build (bin/): everything sits beside GladiaPS.dll and the host's own probing finds it.
                    return;
                }

                _folder = folder;
                if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveOnFramework;
                }
                else
                {
                    IsolatedLoadContext.Register(folder);
                }
            }
        }

        /// <summary>Windows PowerShell 5.1: answers only for assemblies that are in our folder.</summary>
        private static Assembly? ResolveOnFramework(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(_folder!, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
