using System;

namespace GladiaPS.Core
{
    /// <summary>
    /// The one check every job or session id passes before it becomes a URL segment or a file name. Gladia's ids
    /// are UUIDs; the check is looser (letters, digits, '-' and '_', at most <see cref="MaxLength"/>) so a
    /// future id shape still works, yet strict enough that an id can never be '.', '..', a separator, a drive,
    /// a query or anything a file system or a URL reads as more than a name.
    /// </summary>
    public static class GladiaId
    {
        /// <summary>The longest id accepted.</summary>
        public const int MaxLength = 128;

        /// <summary>True when <paramref name="id"/> is shaped like an id.</summary>
        public static bool IsValid(string? id)
        {
            if (id is null || id.Length == 0 || id.Length > MaxLength)
            {
                return false;
            }

            foreach (var c in id)
            {
                var allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!allowed)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Why <paramref name="id"/> is not an id, in words that name it (redacted of nothing: an id is not a secret), or null when it is one.</summary>
        public static string? Describe(string? id)
        {
            if (IsValid(id))
            {
                return null;
            }

            if (string.IsNullOrEmpty(id))
            {
                return "a job id is required";
            }

            var shown = id!.Length > 64 ? id.Substring(0, 64) + "…" : id;
            return id.Length > MaxLength
                ? "'" + Printable(shown) + "' is not an id: longer than " + MaxLength + " characters"
                : "'" + Printable(shown) + "' is not an id: an id has only letters, digits, '-' and '_'";
        }

        /// <summary>Returns <paramref name="id"/> when it is an id; throws otherwise.</summary>
        /// <param name="id">The id to check.</param>
        /// <param name="parameterName">The name the caller knows it by, for the exception.</param>
        /// <exception cref="ArgumentException">It is not an id.</exception>
        public static string Validate(string? id, string parameterName = "id")
        {
            var problem = Describe(id);
            if (problem is not null)
            {
                throw new ArgumentException(parameterName + ": " + problem + ".", parameterName);
            }

            return id!;
        }

        private static string Printable(string text)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i]))
                {
                    chars[i] = '?';
                }
            }

            return new string(chars);
        }
    }
}
