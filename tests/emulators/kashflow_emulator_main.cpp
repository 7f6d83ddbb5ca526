// attache-kashflow-emulator: the KashFlow REST API v2 emulator as a program, for manual runs and benchmarks, serving
// a sample company. Prints its base URL as the first line on stdout and the sample user's credentials on stderr,
// then serves until killed.

#include "EmulatorCommandLine.h"
#include "KashflowEmulator.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    // QImage makes the thumbnails without a QGuiApplication.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attache-kashflow-emulator"));

    QCommandLineParser parser;
    const EmulatorCommandLine commandLine(
        parser,
        QStringLiteral("Emulates KashFlow's REST API v2 (sign-in, lists, files, Dropbox connection) on "
                       "127.0.0.1, with a sample company; the base URL is printed as the first line on stdout, "
                       "the API under /v2."));
    const QCommandLineOption pageSizeOption(QStringLiteral("page-size"),
                                            QStringLiteral("Records per list page when perpage is not given."),
                                            QStringLiteral("N"), QString::number(KashflowEmulator::DefaultPageSize));
    parser.addOption(pageSizeOption);
    parser.process(app);

    QTextStream err(stderr);
    bool pageSizeOk = false;
    const int pageSize = parser.value(pageSizeOption).toInt(&pageSizeOk);
    if (!pageSizeOk || pageSize < 1) {
        err << "Bad page size: " << parser.value(pageSizeOption) << Qt::endl;
        return 2;
    }

    KashflowEmulator emulator(commandLine.dataDirectory());
    emulator.setPageSize(pageSize);
    emulator.seedSampleData();
    if (const int failed = commandLine.start(emulator))
        return failed;
    err << "Sample user: " << emulator.userName() << Qt::endl
        << "Password: " << emulator.password() << Qt::endl
        << "Memorable word: " << emulator.memorableWord() << Qt::endl
        << "Files in " << emulator.dataDirectory() << Qt::endl;
    return app.exec();
}
