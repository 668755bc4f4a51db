using System;
Console.WriteLine("listening");
