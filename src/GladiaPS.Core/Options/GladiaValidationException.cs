using System;

namespace GladiaPS.Core.Options
{
    /// <summary>
    /// A setting or init option that the API would reject, found before anything is sent.
    /// <see cref="Field"/> is the wire name of the offending field (e.g. <c>sample_rate</c>) or the
    /// setting's name (e.g. <c>GLADIA_API_URL</c>).
    /// </summary>
    public sealed class GladiaValidationException : ArgumentException
    {
        private readonly string _message;

        public GladiaValidationException(string field, string message)
            : base(message, field)
        {
            Field = field;
            _message = message;
        }

        /// <summary>The wire name of the field (or the name of the setting) that is wrong.</summary>
        public string Field { get; }

        /// <summary>The problem, starting with the field's name; no parameter suffix is appended.</summary>
        public override string Message => _message;
    }
}
