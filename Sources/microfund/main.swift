import MicroFundCLI
import Foundation

exit(MicroFundCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
