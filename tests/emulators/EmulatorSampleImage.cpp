#include "EmulatorSampleImage.h"

#include <QBuffer>
#include <QImage>

QByteArray EmulatorSampleImage::encoded(int width, int height, const QColor& color, const char* format)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return data;
}
