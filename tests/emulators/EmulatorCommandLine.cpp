#include "EmulatorCommandLine.h"

#include "EmulatorServer.h"
#include "FaultInjector.h"

#include <QTextStream>

EmulatorCommandLine::EmulatorCommandLine(QCommandLineParser& parser, const QString& description)
    : m_parser(parser)
    , m_port(QStringLiteral("port"), QStringLiteral("Listen on port <N> (default: any free)."), QStringLiteral("N"),
             QStringLiteral("0"))
    , m_data(QStringLiteral("data"), QStringLiteral("Keep file contents in <DIR> (default: a temporary directory)."),
             QStringLiteral("DIR"))
    , m_fault(QStringLiteral("fault"), QStringLiteral("Inject a fault; may be repeated."), QStringLiteral("SPEC"))
{
    parser.setApplicationDescription(description + QStringLiteral("\n\n") + FaultInjector::specSyntax());
    parser.addHelpOption();
    parser.addOptions({ m_port, m_data, m_fault });
}

int EmulatorCommandLine::start(EmulatorServer& server) const
{
    QTextStream err(stderr);
    bool portOk = false;
    const uint port = m_parser.value(m_port).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "Bad port: " << m_parser.value(m_port) << Qt::endl;
        return 2;
    }
    const QStringList faults = m_parser.values(m_fault);
    for (const QString& spec : faults) {
        QString error;
        if (!server.faults().addSpec(spec, &error)) {
            err << error << Qt::endl;
            return 2;
        }
    }
    if (!server.listen(quint16(port))) {
        err << "Cannot listen on 127.0.0.1:" << port << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << server.baseUrl().toString() << Qt::endl;
    return 0;
}
