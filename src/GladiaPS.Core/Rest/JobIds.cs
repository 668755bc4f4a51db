using System;

namespace GladiaPS.Core.Rest
{
    /// <summary>
    /// Job ids as they may enter a URL path: letters, digits, '-' and '_', at most 128 characters (Gladia's ids
    /// are UUIDs). Anything else is refused before a request is built, so an id read from a file or a server
    /// can never reach another path or another query.
    /// </summary>
    public static class JobIds
    {
        public const int MaxLength = 128;

        /// <summary>True when <paramref name="id"/> (trimmed) is a usable job id.</summary>
        public static bool IsValid(string? id)
        {
            if (id is null)
            {
                return false;
            }

            var trimmed = id.Trim();
            if (trimmed.Length == 0 || trimmed.Length > MaxLength)
            {
                return false;
            }

            foreach (var c in trimmed)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The trimmed id, or an <see cref="ArgumentException"/> that says what is wrong with it.</summary>
        public static string Require(string? id, string parameterName = "id")
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException(parameterName + ": a job id is required.", parameterName);
            }

            if (!IsValid(id))
            {
                var shown = id!.Length > 40 ? id.Substring(0, 40) + "…" : id;
                throw new ArgumentException(
                    $"{parameterName}: '{shown}' is not a job id; ids are letters, digits, '-' and '_' (at most {MaxLength}).", parameterName);
            }

            return id!.Trim();
        }
    }
}
