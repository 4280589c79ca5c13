import MicroFundCLI
import Foundation

exit(await MicroFundCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
