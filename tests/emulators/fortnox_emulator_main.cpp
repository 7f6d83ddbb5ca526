// attache-fortnox-emulator: the Fortnox API v3 emulator as a program, for manual runs and benchmarks, serving a
// sample company. Prints its base URL as the first line on stdout and the sample integration's credentials on
// stderr, then serves until killed.

#include "EmulatorCommandLine.h"
#include "FortnoxEmulator.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    // QImage makes the sample images without a QGuiApplication.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attache-fortnox-emulator"));

    QCommandLineParser parser;
    const EmulatorCommandLine commandLine(
        parser,
        QStringLiteral("Emulates Fortnox API v3 (inbox, archive, supplier invoices, vouchers, file connections, "
                       "OAuth 2) on 127.0.0.1, with a sample company; the base URL is printed as the first line on "
                       "stdout, the API under /3 and sign-in under /oauth-v1."));
    const QCommandLineOption pageSizeOption(QStringLiteral("page-size"),
                                            QStringLiteral("Records per list page when limit is not given."),
                                            QStringLiteral("N"), QString::number(FortnoxEmulator::DefaultPageSize));
    parser.addOption(pageSizeOption);
    parser.process(app);

    QTextStream err(stderr);
    bool pageSizeOk = false;
    const int pageSize = parser.value(pageSizeOption).toInt(&pageSizeOk);
    if (!pageSizeOk || pageSize < 1 || pageSize > FortnoxEmulator::MaxPageSize) {
        err << "Bad page size: " << parser.value(pageSizeOption) << Qt::endl;
        return 2;
    }

    FortnoxEmulator emulator(commandLine.dataDirectory());
    emulator.setPageSize(pageSize);
    emulator.seedSampleData();
    if (const int failed = commandLine.start(emulator))
        return failed;
    err << "Client id: " << emulator.clientId() << Qt::endl
        << "Client secret: " << emulator.clientSecret() << Qt::endl
        << "Legacy Access-Token: " << emulator.legacyAccessToken() << Qt::endl
        << "Legacy Client-Secret: " << emulator.legacyClientSecret() << Qt::endl
        << "Scopes: " << FortnoxEmulator::allScopes().join(QLatin1Char(' ')) << Qt::endl
        << "Files in " << emulator.dataDirectory() << Qt::endl;
    return app.exec();
}
