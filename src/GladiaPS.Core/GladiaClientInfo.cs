using System.Reflection;

namespace GladiaPS.Core
{
    /// <summary>Identifies this client to the API in the <c>x-gladia-version</c> header.</summary>
    public static class GladiaClientInfo
    {
        /// <summary>The product token, for example <c>GladiaPS/0.1.0</c>.</summary>
        public static string ProductToken { get; } = "GladiaPS/" + Version;

        /// <summary>The assembly's informational version without any source-revision suffix.</summary>
        public static string Version
        {
            get
            {
                var informational = typeof(GladiaClientInfo).Assembly
                    .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
                var plus = informational.IndexOf('+');
                return plus < 0 ? informational : informational.Substring(0, plus);
            }
        }
    }
}
