namespace GladiaPS.Core.Rest
{
    /// <summary>Why an answer the server gave without an error status could not be used (<see cref="GladiaApiException.Problem"/>).</summary>
    public enum GladiaAnswerProblem
    {
        /// <summary>The server refused; its status says why.</summary>
        None,

        /// <summary>The answer is not what was asked for: not JSON, not a job, another job's, a time out of range.</summary>
        Unusable,

        /// <summary>The answer is larger than a limit of the client (its body, or the pages of a list).</summary>
        TooLarge,
    }
}
