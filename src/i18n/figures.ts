/**
 * Strings of the teaching figures (src/components/figures/): DeconvNet's switches and transposed filters,
 * Grad-CAM's pipeline and the ResNet basic block, in every language; a missing key is a type error.
 *
 * Drawn text may carry `_x` / `^x` (or `_{xy}` / `^{xy}`) for a subscript or superscript, drawn by
 * SvgScene.tsx; titles, descriptions and captions are plain text for screen readers.
 */
import type { Lang } from './langs';
import { fixed } from './numbers';

export interface FigureStrings {
  deconv: {
    caption: string;
    flow: {
      title: string;
      desc: string;
      down: string;
      up: string;
      fromAbove: string;
      unpool: string;
      unpooled: string;
      reluDown: string;
      rectifiedUnpooled: string;
      convT: string;
      reconstruction: string;
      below: string;
      conv: string;
      features: string;
      relu: string;
      rectified: string;
      pool: string;
      pooled: string;
      switches: string;
    };
    switches: {
      title: string;
      /** Everything the worked example shows, with its numbers. */
      desc: (n: (x: number) => string) => string;
      features: string;
      pooled: string;
      switches: string;
      signal: string;
      unpooled: string;
      rectified: string;
      maxpool: string;
      unpool: string;
      relu: string;
      /** The note beside the last grid: the cell whose negative signal the backward ReLU drops. */
      note: (n: (x: number) => string, forward: number, signal: number) => string;
    };
    filters: {
      title: string;
      desc: string;
      filter: string;
      flipped: string;
      rotate: string;
      channels: string;
    };
  };
  gradcam: {
    caption: string;
    forward: {
      title: string;
      desc: string;
      slice: string;
      cnn: string;
      maps: string;
      head: string;
      logit: string;
      back: string;
      grads: string;
    };
    weights: {
      title: string;
      desc: (alphas: string[]) => string;
      grads: string;
      mean: string;
      alpha: string;
      maps: string;
      sum: string;
    };
    map: {
      title: string;
      desc: string;
      sum: string;
      negPos: string;
      relu: string;
      cam: string;
      upsample: string;
      overlay: string;
    };
  };
  block: {
    caption: string;
    title: string;
    desc: string;
    input: string;
    conv: string;
    bn: string;
    relu: string;
    add: string;
    output: string;
    residual: string;
    identity: string;
    projection: string;
  };
}

const en: FigureStrings = {
  deconv: {
    caption:
      'DeconvNet after Zeiler & Fergus (2014, Fig. 1), redrawn in three panels: each layer of the network and its mirror; a worked example of max-pooling with switches, unpooling and the backward ReLU; the transposed filters. In ResNet34 the only max-pooling is the stem’s (3 × 3, stride 2); the 2 × 2 windows here are easier to follow.',
    flow: {
      title: 'A layer going up and its mirror going down',
      desc: 'Two columns of boxes. On the right, the convolutional network goes up: the pooled maps of the layer below are convolved with the filters F, giving feature maps; a ReLU rectifies them; max-pooling gives the pooled maps, and records the switches, where each maximum was. On the left, the deconvolutional network goes down: the signal from the layer above is unpooled using those switches, rectified by a ReLU, and filtered with the transposed filters F transpose, giving the reconstruction passed to the layer below. An arrow labelled switches runs from the max-pooling on the right to the unpooling on the left.',
      down: 'Going down (DeconvNet)',
      up: 'Going up (the network)',
      fromAbove: 'signal from the layer above',
      unpool: 'max unpooling',
      unpooled: 'unpooled maps',
      reluDown: 'ReLU',
      rectifiedUnpooled: 'rectified unpooled maps',
      convT: 'convolution with F^T',
      reconstruction: 'reconstruction, to the layer below',
      below: 'pooled maps of the layer below',
      conv: 'convolution with F',
      features: 'feature maps',
      relu: 'ReLU',
      rectified: 'rectified feature maps',
      pool: 'max-pooling',
      pooled: 'pooled maps',
      switches: 'switches',
    },
    switches: {
      title: 'Switches: where each maximum was',
      desc: (n) =>
        `A worked example. A rectified 4 by 4 feature map with rows 1 3 0 2, 4 2 1 0, 0 1 5 2 and 2 0 3 6 is max-pooled in 2 by 2 windows, giving the pooled map ${n(4)}, ${n(2)}, ${n(2)}, ${n(6)}; the switches record the four positions of those maxima. Going back, a signal from above of ${n(0.7)}, ${n(-0.4)}, ${n(0.2)} and ${n(0.9)} is unpooled: each value returns to its switch and the other twelve cells get zero. Then the backward ReLU sets the negative value ${n(-0.4)} to zero, although the forward value at that cell was 2, above zero: the plain gradient would have kept it.`,
      features: 'feature map after ReLU',
      pooled: 'pooled',
      switches: 'switches',
      signal: 'signal from above',
      unpooled: 'unpooled at the switches',
      rectified: 'after the backward ReLU',
      maxpool: 'max-pool',
      unpool: 'unpool',
      relu: 'ReLU',
      note: (n, forward, signal) =>
        `The forward value at the cell of ${n(signal)} was ${n(forward)}, above zero, so the plain gradient would pass ${n(signal)} down. DeconvNet’s ReLU looks only at the signal, and drops it.`,
    },
    filters: {
      title: 'Transposed filters',
      desc: 'A 3 by 3 filter F with entries a to i, row by row, and the same filter rotated by 180 degrees, rows and columns reversed, so it reads i to a. Going down, the signal is convolved with this flipped filter, and the input and output channels swap roles. This is exactly what back-propagation does through a convolution. With stride 2, zeros are first put between the values of the signal.',
      filter: 'filter F (going up)',
      flipped: 'F^T: the same weights, rotated 180° (going down)',
      rotate: 'rotate 180°',
      channels: 'Input and output channels swap: a filter bank that made C_{out} maps from C_{in} now sends C_{out} signals back onto C_{in} maps. Back-propagation through a convolution does exactly this; with stride 2 it also spreads the signal out with zeros.',
    },
  },
  gradcam: {
    caption:
      'Grad-CAM after Selvaraju et al. (2017), redrawn with a small worked example: three 4 × 4 feature maps instead of the 512 maps of 7 × 7 that layer4 of this network gives. The numbers are computed by the same rules.',
    forward: {
      title: '1. Forward, then back to the chosen layer',
      desc: 'The slice goes through the convolutional layers up to the chosen layer, which gives K feature maps A k. The rest of the network (at layer4, only an average pool and a dense layer) turns them into the logit of the explained label, before the sigmoid. That logit is back-propagated to the chosen layer only, which gives one gradient map per feature map: the gradient of the logit with respect to each position of each map.',
      slice: 'slice',
      cnn: 'conv layers',
      maps: 'feature maps A^k',
      head: 'rest of the network',
      logit: 'logit y^c',
      back: 'back-propagate y^c to the layer',
      grads: 'gradients ∂y^c/∂A^k',
    },
    weights: {
      title: '2. One weight per map, then a weighted sum',
      desc: (a) =>
        `Each gradient map is averaged over its positions (global average pooling), giving one weight per feature map: alpha 1 = ${a[0]}, alpha 2 = ${a[1]}, alpha 3 = ${a[2]}. Map 1 lies on the bleed and its weight is positive; map 2 lies on the rim of the head and its weight is negative. Each feature map is multiplied by its weight and the three are added cell by cell.`,
      grads: '∂y^c/∂A^k',
      mean: 'mean',
      alpha: 'weight',
      maps: 'map A^k',
      sum: 'Σ_k α_k A^k',
    },
    map: {
      title: '3. ReLU, then up to the slice’s size',
      desc: 'The weighted sum has negative cells, in blue, on the rim, and positive cells, in red, over the bleed. The ReLU sets the negative cells to zero, keeping only what speaks for the label: that is the Grad-CAM map. It is resized to the input with bilinear interpolation, by 4 in this example and by 32 at layer4 of this network, divided by its maximum and laid over the slice, more opaque where the map is stronger.',
      sum: 'weighted sum',
      negPos: 'blue < 0 < red',
      relu: 'ReLU',
      cam: 'Grad-CAM',
      upsample: 'bilinear ×4 (×32 at layer4)',
      overlay: 'over the slice',
    },
  },
  block: {
    caption:
      'Inside each card of layer1 to layer4: one basic block (He et al., 2016). Two 3 × 3 convolutions, each followed by batch normalisation, with a ReLU between them; the block’s input is added back before the last ReLU.',
    title: 'A basic block of ResNet34',
    desc: 'From the input h, two paths lead to an addition. The main path is a 3 by 3 convolution, batch normalisation, ReLU, a second 3 by 3 convolution and batch normalisation: this is F of h. The shortcut carries h unchanged, the identity; in the first block of layer2, layer3 and layer4, which halves the side and doubles the channels, it is a 1 by 1 convolution with stride 2 followed by batch normalisation instead. The two are added, and a ReLU gives the block’s output.',
    input: 'input h',
    conv: 'conv 3×3',
    bn: 'batch norm',
    relu: 'ReLU',
    add: 'add',
    output: 'output ReLU(F(h) + S(h))',
    residual: 'F(h)',
    identity: 'shortcut S(h) = h (identity)',
    projection: 'first block of layer2–4: S = 1×1 conv, stride 2, + batch norm',
  },
};

const es: FigureStrings = {
  deconv: {
    caption:
      'DeconvNet según Zeiler y Fergus (2014, fig. 1), redibujada en tres paneles: cada capa de la red y su espejo; un ejemplo resuelto de max-pooling con interruptores (switches), unpooling y la ReLU hacia atrás; los filtros traspuestos. En ResNet34 el único max-pooling es el de la entrada (3 × 3, paso 2); las ventanas de 2 × 2 de aquí son más fáciles de seguir.',
    flow: {
      title: 'Una capa hacia arriba y su espejo hacia abajo',
      desc: 'Dos columnas de cajas. A la derecha, la red convolucional sube: los mapas agrupados de la capa de abajo se convolucionan con los filtros F y dan mapas de características; una ReLU los rectifica; el max-pooling da los mapas agrupados y anota los interruptores (switches), dónde estaba cada máximo. A la izquierda, la red deconvolucional baja: la señal de la capa de arriba se desagrupa con esos interruptores, se rectifica con una ReLU y se filtra con los filtros traspuestos, F traspuesta, lo que da la reconstrucción que pasa a la capa de abajo. Una flecha rotulada interruptores va del max-pooling de la derecha al unpooling de la izquierda.',
      down: 'Hacia abajo (DeconvNet)',
      up: 'Hacia arriba (la red)',
      fromAbove: 'señal de la capa de arriba',
      unpool: 'max unpooling',
      unpooled: 'mapas desagrupados',
      reluDown: 'ReLU',
      rectifiedUnpooled: 'mapas desagrupados rectificados',
      convT: 'convolución con F^T',
      reconstruction: 'reconstrucción, a la capa de abajo',
      below: 'mapas agrupados de la capa de abajo',
      conv: 'convolución con F',
      features: 'mapas de características',
      relu: 'ReLU',
      rectified: 'mapas de características rectificados',
      pool: 'max-pooling',
      pooled: 'mapas agrupados',
      switches: 'interruptores',
    },
    switches: {
      title: 'Interruptores: dónde estaba cada máximo',
      desc: (n) =>
        `Un ejemplo resuelto. Un mapa de características rectificado de 4 por 4, con filas 1 3 0 2, 4 2 1 0, 0 1 5 2 y 2 0 3 6, pasa por un max-pooling en ventanas de 2 por 2, que da el mapa agrupado ${n(4)}, ${n(2)}, ${n(2)}, ${n(6)}; los interruptores anotan las cuatro posiciones de esos máximos. De vuelta, una señal de arriba de ${n(0.7)}, ${n(-0.4)}, ${n(0.2)} y ${n(0.9)} se desagrupa: cada valor vuelve a su interruptor y las otras doce celdas reciben cero. Después, la ReLU hacia atrás pone a cero el valor negativo ${n(-0.4)}, aunque el valor de ida en esa celda era 2, mayor que cero: el gradiente simple lo habría conservado.`,
      features: 'mapa tras la ReLU',
      pooled: 'agrupado',
      switches: 'interruptores',
      signal: 'señal de arriba',
      unpooled: 'desagrupado en los interruptores',
      rectified: 'tras la ReLU hacia atrás',
      maxpool: 'max-pool',
      unpool: 'unpool',
      relu: 'ReLU',
      note: (n, forward, signal) =>
        `El valor de ida en la celda de ${n(signal)} era ${n(forward)}, mayor que cero, así que el gradiente simple pasaría ${n(signal)} hacia abajo. La ReLU de DeconvNet solo mira la señal, y lo descarta.`,
    },
    filters: {
      title: 'Filtros traspuestos',
      desc: 'Un filtro F de 3 por 3 con entradas de la a a la i, fila a fila, y el mismo filtro girado 180 grados, con filas y columnas invertidas, que se lee de la i a la a. Hacia abajo, la señal se convoluciona con este filtro girado, y los canales de entrada y de salida intercambian su papel. Es exactamente lo que hace la retropropagación a través de una convolución. Con paso 2, antes se intercalan ceros entre los valores de la señal.',
      filter: 'filtro F (hacia arriba)',
      flipped: 'F^T: los mismos pesos, girados 180° (hacia abajo)',
      rotate: 'girar 180°',
      channels: 'Los canales de entrada y de salida se intercambian: un banco de filtros que hacía C_{sal} mapas a partir de C_{ent} devuelve ahora C_{sal} señales sobre C_{ent} mapas. Es lo que hace la retropropagación a través de una convolución; con paso 2, además, separa la señal con ceros.',
    },
  },
  gradcam: {
    caption:
      'Grad-CAM según Selvaraju et al. (2017), redibujado con un pequeño ejemplo resuelto: tres mapas de características de 4 × 4 en lugar de los 512 mapas de 7 × 7 que da layer4 en esta red. Los números se calculan con las mismas reglas.',
    forward: {
      title: '1. Hacia delante, y de vuelta a la capa elegida',
      desc: 'El corte atraviesa las capas convolucionales hasta la capa elegida, que da K mapas de características A k. El resto de la red (en layer4, solo un promedio global y una capa densa) los convierte en el logit de la etiqueta explicada, antes de la sigmoide. Ese logit se retropropaga solo hasta la capa elegida, lo que da un mapa de gradientes por cada mapa de características: el gradiente del logit respecto a cada posición de cada mapa.',
      slice: 'corte',
      cnn: 'capas conv.',
      maps: 'mapas A^k',
      head: 'resto de la red',
      logit: 'logit y^c',
      back: 'retropropagar y^c hasta la capa',
      grads: 'gradientes ∂y^c/∂A^k',
    },
    weights: {
      title: '2. Un peso por mapa, y una suma ponderada',
      desc: (a) =>
        `Cada mapa de gradientes se promedia sobre sus posiciones (promedio global), lo que da un peso por mapa de características: alfa 1 = ${a[0]}, alfa 2 = ${a[1]}, alfa 3 = ${a[2]}. El mapa 1 está sobre el sangrado y su peso es positivo; el mapa 2 está en el borde de la cabeza y su peso es negativo. Cada mapa se multiplica por su peso y los tres se suman celda a celda.`,
      grads: '∂y^c/∂A^k',
      mean: 'media',
      alpha: 'peso',
      maps: 'mapa A^k',
      sum: 'Σ_k α_k A^k',
    },
    map: {
      title: '3. ReLU, y al tamaño del corte',
      desc: 'La suma ponderada tiene celdas negativas, en azul, en el borde, y positivas, en rojo, sobre el sangrado. La ReLU pone a cero las negativas y deja solo lo que habla a favor de la etiqueta: ese es el mapa de Grad-CAM. Se lleva al tamaño de la entrada con interpolación bilineal, por 4 en este ejemplo y por 32 en layer4 de esta red, se divide por su máximo y se superpone al corte, más opaco donde el mapa es más fuerte.',
      sum: 'suma ponderada',
      negPos: 'azul < 0 < rojo',
      relu: 'ReLU',
      cam: 'Grad-CAM',
      upsample: 'bilineal ×4 (×32 en layer4)',
      overlay: 'sobre el corte',
    },
  },
  block: {
    caption:
      'Dentro de cada tarjeta de layer1 a layer4: un bloque básico (He et al., 2016). Dos convoluciones de 3 × 3, cada una seguida de normalización por lotes, con una ReLU entre ellas; la entrada del bloque se vuelve a sumar antes de la última ReLU.',
    title: 'Un bloque básico de ResNet34',
    desc: 'De la entrada h salen dos caminos que llegan a una suma. El camino principal es una convolución de 3 por 3, normalización por lotes, ReLU, una segunda convolución de 3 por 3 y normalización por lotes: es F de h. El atajo lleva h sin cambios, la identidad; en el primer bloque de layer2, layer3 y layer4, que reduce el lado a la mitad y duplica los canales, es en cambio una convolución de 1 por 1 con paso 2 seguida de normalización por lotes. Los dos se suman, y una ReLU da la salida del bloque.',
    input: 'entrada h',
    conv: 'conv 3×3',
    bn: 'norm. por lotes',
    relu: 'ReLU',
    add: 'suma',
    output: 'salida ReLU(F(h) + S(h))',
    residual: 'F(h)',
    identity: 'atajo S(h) = h (identidad)',
    projection: 'primer bloque de layer2–4: S = conv 1×1, paso 2, + norm. por lotes',
  },
};

export const FIGURES: Record<Lang, FigureStrings> = { en, es };

/** A number in the language's convention with up to two decimals, a true minus sign. */
export function figureNumber(x: number, lang: Lang): string {
  const digits = Number.isInteger(x) ? 0 : Math.abs(x * 10 - Math.round(x * 10)) < 1e-9 ? 1 : 2;
  return fixed(x, digits, lang).replace('-', '−');
}
