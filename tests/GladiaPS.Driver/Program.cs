using System;
Console.WriteLine("driver");
