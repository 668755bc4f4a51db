using System.Net;
using System.Security;

namespace GladiaPS.Infrastructure
{
    internal static class Secrets
    {
        public static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var c in text.Trim())
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }

        public static string ToPlainText(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;
    }
}
