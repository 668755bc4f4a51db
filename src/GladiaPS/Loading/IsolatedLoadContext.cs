using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace GladiaPS.Loading
{
    /// <summary>
    /// PowerShell 7: the core and its third-party assemblies (Polly, the TimeProvider polyfill, NAudio…) live in
    /// a load context of their own, so another module's versions of them never meet ours. Assemblies whose types
    /// cross between the cmdlets and the core (async enumerables, spans) and anything the runtime itself provides
    /// stay shared with the default context, so both sides see one type.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        private const string CoreName = "GladiaPS.Core";

        /// <summary>
        /// Assemblies the cmdlets reference themselves (IAsyncEnumerable, Memory, TimeProvider in the core's
        /// signatures): loaded once, in the default context, so the cmdlets and the core agree on their types.
        /// </summary>
        private static readonly HashSet<string> Shared = new HashSet<string>(
            typeof(IsolatedLoadContext).Assembly.GetReferencedAssemblies()
                .Select(a => a.Name ?? string.Empty)
                .Where(n => !string.Equals(n, CoreName, StringComparison.OrdinalIgnoreCase)),
            StringComparer.OrdinalIgnoreCase);

        private static IsolatedLoadContext? _instance;
        private readonly string _folder;
        private readonly string _runtimeFolder;

        private IsolatedLoadContext(string folder)
        {
            _folder = folder;
            _runtimeFolder = RuntimeEnvironment.GetRuntimeDirectory();
        }

        public static void Register(string folder)
        {
            _instance = new IsolatedLoadContext(folder);
            Default.Resolving += ResolveInDefault;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name ?? string.Empty;
            if (Shared.Contains(name) || File.Exists(Path.Combine(_runtimeFolder, name + ".dll")))
            {
                // The runtime's own (or one shared with the cmdlets): let the default context answer.
                return null;
            }

            var path = Path.Combine(_folder, name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        /// <summary>The default context asks when its own probing fails: the core goes to the isolated context, shared helpers load here.</summary>
        private static Assembly? ResolveInDefault(AssemblyLoadContext context, AssemblyName assemblyName)
        {
            var instance = _instance;
            var name = assemblyName.Name ?? string.Empty;
            if (instance is null)
            {
                return null;
            }

            if (string.Equals(name, CoreName, StringComparison.OrdinalIgnoreCase))
            {
                return instance.LoadFromAssemblyName(assemblyName);
            }

            if (Shared.Contains(name))
            {
                var path = Path.Combine(instance._folder, name + ".dll");
                return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
            }

            return null;
        }
    }
}
