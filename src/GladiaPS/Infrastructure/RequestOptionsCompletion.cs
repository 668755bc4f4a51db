using System;
using System.Collections;
using GladiaPS.Core.Options;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The last step of building either kind of request from parameters. Not a member of the public cmdlet base: a
    /// public type whose members name the core's generic types could not be loaded before the core's loader is set up.
    /// </summary>
    internal static class RequestOptionsCompletion
    {
        /// <summary>
        /// Adds -CustomMetadata and -Option to <paramref name="options"/> and checks the whole body; an error names the
        /// parameter that <paramref name="parameterFor"/> finds for the wire field.
        /// </summary>
        /// <exception cref="GladiaValidationException">A field is out of range or of the wrong shape.</exception>
        public static TOptions Complete<TOptions>(TOptions options, IDictionary? customMetadata, IDictionary? option, Func<string, string> parameterFor)
            where TOptions : TranscriptionRequestOptions<TOptions>
        {
            if (customMetadata is not null)
            {
                try
                {
                    options.SetCustomMetadata(PlainValues.Unwrap(customMetadata), "-CustomMetadata");
                }
                catch (GladiaValidationException exception)
                {
                    // The message keeps the path into the hashtable; the field is the parameter, as for every other error.
                    throw new GladiaValidationException("CustomMetadata", exception.Message);
                }
            }

            if (option is not null)
            {
                try
                {
                    options = options.WithFields(PlainValues.Unwrap(option)!, "-Option");
                }
                catch (GladiaValidationException exception) when (exception.Field.StartsWith("-", StringComparison.Ordinal))
                {
                    throw new GladiaValidationException("Option", exception.Message);
                }
            }

            try
            {
                options.Validate();
            }
            catch (GladiaValidationException exception)
            {
                var parameter = parameterFor(exception.Field);
                throw new GladiaValidationException(parameter, "-" + parameter + ": " + exception.Message);
            }

            return options;
        }
    }
}
