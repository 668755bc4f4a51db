using System;
using System.Globalization;

namespace GladiaPS.Emulator.Protocol
{
    internal static class Timestamps
    {
        public static string Now() => Format(DateTimeOffset.UtcNow);

        public static string Format(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
