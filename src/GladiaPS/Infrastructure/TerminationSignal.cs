using System;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Runs an action when the process is told to terminate (SIGTERM, a plain <c>kill</c>) on Linux and macOS. PowerShell 7
    /// exits on SIGTERM without raising <see cref="AppDomain.ProcessExit"/>, so without this the sessions still open would be
    /// cut without a close and stay processing on the server. .NET 6+ has <c>PosixSignalRegistration</c>; the module
    /// targets netstandard2.0, so it is found by reflection and nothing happens where it is missing (Windows PowerShell
    /// 5.1). The handler does not cancel the signal: the process still exits as it would have, only after the action.
    /// Not registered on Windows, where the signal maps to console events PowerShell handles itself.
    /// </summary>
    internal static class TerminationSignal
    {
        // Held for the life of the process: a registration that is collected is unregistered.
        private static object? _registration;

        /// <summary>Registers <paramref name="action"/> for SIGTERM; false when the runtime or the platform cannot.</summary>
        public static bool TryRegister(Action action)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return false;
            }

            try
            {
                var registrationType = FindType("System.Runtime.InteropServices.PosixSignalRegistration");
                var signalType = FindType("System.Runtime.InteropServices.PosixSignal");
                var contextType = FindType("System.Runtime.InteropServices.PosixSignalContext");
                if (registrationType is null || signalType is null || contextType is null)
                {
                    return false;
                }

                var handlerType = typeof(Action<>).MakeGenericType(contextType);
                var create = registrationType.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, null, new[] { signalType, handlerType }, null);
                if (create is null)
                {
                    return false;
                }

                // (PosixSignalContext context) => action(): the context is left as it is, so the signal is not cancelled.
                var context = Expression.Parameter(contextType, "context");
                var handler = Expression.Lambda(handlerType, Expression.Invoke(Expression.Constant((Action)(() => RunQuietly(action)))), context).Compile();
                _registration = create.Invoke(null, new[] { Enum.Parse(signalType, "SIGTERM"), handler });
                return _registration is not null;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Whatever the runtime makes of the reflection (a load error included), sessions simply get no SIGTERM close.
                return false;
            }
        }

        // The handler runs on the runtime's signal thread as the process goes down: an exception escaping there would abort
        // pwsh with a core dump instead of letting it exit, so nothing may escape.
        private static void RunQuietly(Action action)
        {
            try
            {
                action();
            }
            catch (Exception)
            {
                // The process is ending either way; the session close was best effort.
            }
        }

        private static Type? FindType(string name) =>
            Type.GetType(name + ", System.Runtime.InteropServices", throwOnError: false) ?? Type.GetType(name, throwOnError: false);
    }
}
