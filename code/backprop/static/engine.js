// backprop/static/engine.js: the book's network in plain JavaScript, equal to the Python package.
//
// No library, no request, float64 throughout. It defines window.backpropBook (and module.exports
// under node) with:
//   * Generator(seed): numpy.random.default_rng(seed)'s standard normal draws, ported exactly
//     (SeedSequence -> PCG64 (XSL-RR output, the default multiplier) -> ziggurat), so the same
//     seed gives the same numbers bit for bit;
//   * initialParameters(sizes, init, scale, seed): the weights and biases that
//     backprop.MLP(sizes, init=init, scale=scale, seed=seed) draws;
//   * train({...}): full-batch training by gradient descent, momentum or Adam, in the arithmetic
//     order of backprop.MLP.fit and backprop.optimizers.train (see code/README.md).
// Matrix products sum over k in increasing order; numpy's BLAS may fuse multiply-adds, so the
// results agree with Python to about 1e-14 relative, not bit for bit (tests/test_js_engine.py).
(function (root) {
  "use strict";

  // ----- numpy.random.SeedSequence (numpy/random/bit_generator.pyx) --------------------------
  const INIT_A = 0x43b0d7e5, MULT_A = 0x931e8875, INIT_B = 0x8b51f9dd, MULT_B = 0x58f38ded;
  const MIX_MULT_L = 0xca01f9dd, MIX_MULT_R = 0x4973f715, POOL_SIZE = 4;

  // A whole number >= 0 as 32-bit words, lowest first (SeedSequence's _int_to_uint32_array).
  function seedWords(seed) {
    const words = [];
    let n = seed;
    if (n === 0) words.push(0);
    while (n > 0) {
      words.push(n % 4294967296);
      n = Math.floor(n / 4294967296);
    }
    return words;
  }

  // The four 64-bit words SeedSequence(seed).generate_state(4, uint64) returns, as BigInts.
  function seedState(seed) {
    const entropy = seedWords(seed);
    let hashConst = INIT_A;
    const hashmix = (value) => {
      value = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_A) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      return (value ^ (value >>> 16)) >>> 0;
    };
    const mix = (x, y) => {
      const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
      return (r ^ (r >>> 16)) >>> 0;
    };
    const pool = new Array(POOL_SIZE);
    for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
    for (let src = 0; src < POOL_SIZE; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) {
        if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
      }
    }
    for (let src = POOL_SIZE; src < entropy.length; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
    }
    // generate_state(8 uint32 words), then pairs of words read as little-endian uint64
    let h = INIT_B;
    const out32 = [];
    for (let i = 0; i < 8; i++) {
      let v = (pool[i % POOL_SIZE] ^ h) >>> 0;
      h = Math.imul(h, MULT_B) >>> 0;
      v = Math.imul(v, h) >>> 0;
      out32.push((v ^ (v >>> 16)) >>> 0);
    }
    const out64 = [];
    for (let i = 0; i < 4; i++) out64.push((BigInt(out32[2 * i + 1]) << 32n) | BigInt(out32[2 * i]));
    return out64;
  }

  // ----- PCG64 (numpy/random/src/pcg64/pcg64.h): 128-bit LCG, XSL-RR output -----------------
  const MASK128 = (1n << 128n) - 1n, MASK64 = (1n << 64n) - 1n;
  const PCG_MULT = (2549297995355413924n << 64n) | 4865540595714422341n;

  // ----- the ziggurat for N(0, 1) (numpy/random/src/distributions/distributions.c) -------------
  // The tables ki_double, wi_double, fi_double and the two constants are numpy's, from
  // numpy/random/src/distributions/ziggurat_constants.h (numpy, BSD-3-Clause licence), written
  // here as the shortest decimals that round to the same float64 values.
  const ZIGGURAT_NOR_R = 3.654152885361009, ZIGGURAT_NOR_INV_R = 0.2736612373297583;
  const KI = [
    0xEF33D8025EF6A, 0x0000000000000, 0xC08BE98FBC6A8, 0xDA354FABD8142, 0xE51F67EC1EEEA,
    0xEB255E9D3F77E, 0xEEF4B817ECAB9, 0xF19470AFA44AA, 0xF37ED61FFCB18, 0xF4F469561255C,
    0xF61A5E41BA396, 0xF707A755396A4, 0xF7CB2EC28449A, 0xF86F10C6357D3, 0xF8FA6578325DE,
    0xF9724C74DD0DA, 0xF9DA907DBF509, 0xFA360F581FA74, 0xFA86FDE5B4BF8, 0xFACF160D354DC,
    0xFB0FB6718B90F, 0xFB49F8D5374C6, 0xFB7EC2366FE77, 0xFBAECE9A1E50E, 0xFBDAB9D040BED,
    0xFC03060FF6C57, 0xFC2821037A248, 0xFC4A67AE25BD1, 0xFC6A2977AEE31, 0xFC87AA92896A4,
    0xFCA325E4BDE85, 0xFCBCCE902231A, 0xFCD4D12F839C4, 0xFCEB54D8FEC99, 0xFD007BF1DC930,
    0xFD1464DD6C4E6, 0xFD272A8E2F450, 0xFD38E4FF0C91E, 0xFD49A9990B478, 0xFD598B8920F53,
    0xFD689C08E99EC, 0xFD76EA9C8E832, 0xFD848547B08E8, 0xFD9178BAD2C8C, 0xFD9DD07A7ADD2,
    0xFDA9970105E8C, 0xFDB4D5DC02E20, 0xFDBF95C5BFCD0, 0xFDC9DEBB99A7D, 0xFDD3B8118729D,
    0xFDDD288342F90, 0xFDE6364369F64, 0xFDEEE708D514E, 0xFDF7401A6B42E, 0xFDFF46599ED40,
    0xFE06FE4BC24F2, 0xFE0E6C225A258, 0xFE1593C28B84C, 0xFE1C78CBC3F99, 0xFE231E9DB1CAA,
    0xFE29885DA1B91, 0xFE2FB8FB54186, 0xFE35B33558D4A, 0xFE3B799D0002A, 0xFE410E99EAD7F,
    0xFE46746D47734, 0xFE4BAD34C095C, 0xFE50BAED29524, 0xFE559F74EBC78, 0xFE5A5C8E41212,
    0xFE5EF3E138689, 0xFE6366FD91078, 0xFE67B75C6D578, 0xFE6BE661E11AA, 0xFE6FF55E5F4F2,
    0xFE73E5900A702, 0xFE77B823E9E39, 0xFE7B6E37070A2, 0xFE7F08D774243, 0xFE8289053F08C,
    0xFE85EFB35173A, 0xFE893DC840864, 0xFE8C741F0CEBC, 0xFE8F9387D4EF6, 0xFE929CC879B1D,
    0xFE95909D388EA, 0xFE986FB939AA2, 0xFE9B3AC714866, 0xFE9DF2694B6D5, 0xFEA0973ABE67C,
    0xFEA329CF166A4, 0xFEA5AAB32952C, 0xFEA81A6D5741A, 0xFEAA797DE1CF0, 0xFEACC85F3D920,
    0xFEAF07865E63C, 0xFEB13762FEC13, 0xFEB3585FE2A4A, 0xFEB56AE3162B4, 0xFEB76F4E284FA,
    0xFEB965FE62014, 0xFEBB4F4CF9D7C, 0xFEBD2B8F449D0, 0xFEBEFB16E2E3E, 0xFEC0BE31EBDE8,
    0xFEC2752B15A15, 0xFEC42049DAFD3, 0xFEC5BFD29F196, 0xFEC75406CEEF4, 0xFEC8DD2500CB4,
    0xFECA5B6911F12, 0xFECBCF0C427FE, 0xFECD38454FB15, 0xFECE97488C8B3, 0xFECFEC47F91B7,
    0xFED1377358528, 0xFED278F844903, 0xFED3B10242F4C, 0xFED4DFBAD586E, 0xFED605498C3DD,
    0xFED721D414FE8, 0xFED8357E4A982, 0xFED9406A42CC8, 0xFEDA42B85B704, 0xFEDB3C8746AB4,
    0xFEDC2DF416652, 0xFEDD171A46E52, 0xFEDDF813C8AD3, 0xFEDED0F909980, 0xFEDFA1E0FD414,
    0xFEE06AE124BC4, 0xFEE12C0D95A06, 0xFEE1E579006E0, 0xFEE29734B6524, 0xFEE34150AE4BC,
    0xFEE3E3DB89B3C, 0xFEE47EE2982F4, 0xFEE51271DB086, 0xFEE59E9407F41, 0xFEE623528B42E,
    0xFEE6A0B5897F1, 0xFEE716C3E077A, 0xFEE7858327B82, 0xFEE7ECF7B06BA, 0xFEE84D2484AB2,
    0xFEE8A60B66343, 0xFEE8F7ACCC851, 0xFEE94207E25DA, 0xFEE9851A829EA, 0xFEE9C0E13485C,
    0xFEE9F557273F4, 0xFEEA22762CCAE, 0xFEEA4836B42AC, 0xFEEA668FC2D71, 0xFEEA7D76ED6FA,
    0xFEEA8CE04FA0A, 0xFEEA94BE8333B, 0xFEEA950296410, 0xFEEA8D9C0075E, 0xFEEA7E7897654,
    0xFEEA678481D24, 0xFEEA48AA29E83, 0xFEEA21D22E4DA, 0xFEE9F2E352024, 0xFEE9BBC26AF2E,
    0xFEE97C524F2E4, 0xFEE93473C0A3A, 0xFEE8E40557516, 0xFEE88AE369C7A, 0xFEE828E7F3DFD,
    0xFEE7BDEA7B888, 0xFEE749BFF37FF, 0xFEE6CC3A9BD5E, 0xFEE64529E007E, 0xFEE5B45A32888,
    0xFEE51994E57B6, 0xFEE474A0006CF, 0xFEE3C53E12C50, 0xFEE30B2E02AD8, 0xFEE2462AD8205,
    0xFEE175EB83C5A, 0xFEE09A22A1447, 0xFEDFB27E349CC, 0xFEDEBEA76216C, 0xFEDDBE422047E,
    0xFEDCB0ECE39D3, 0xFEDB964042CF4, 0xFEDA6DCE938C9, 0xFED937237E98D, 0xFED7F1C38A836,
    0xFED69D2B9C02B, 0xFED538D06AE00, 0xFED3C41DEA422, 0xFED23E76A2FD8, 0xFED0A732FE644,
    0xFECEFDA07FE34, 0xFECD4100EB7B8, 0xFECB708956EB4, 0xFEC98B61230C1, 0xFEC790A0DA978,
    0xFEC57F50F31FE, 0xFEC356686C962, 0xFEC114CB4B335, 0xFEBEB948E6FD0, 0xFEBC429A0B692,
    0xFEB9AF5EE0CDC, 0xFEB6FE1C98542, 0xFEB42D3AD1F9E, 0xFEB13B00B2D4B, 0xFEAE2591A02E9,
    0xFEAAEAE992257, 0xFEA788D8EE326, 0xFEA3FCFFD73E5, 0xFEA044C8DD9F6, 0xFE9C5D62F563B,
    0xFE9843BA947A4, 0xFE93F471D4728, 0xFE8F6BD76C5D6, 0xFE8AA5DC4E8E6, 0xFE859E07AB1EA,
    0xFE804F690A940, 0xFE7AB488233C0, 0xFE74C751F6AA5, 0xFE6E8102AA202, 0xFE67DA0B6ABD8,
    0xFE60C9F38307E, 0xFE5947338F742, 0xFE51470977280, 0xFE48BD436F458, 0xFE3F9BFFD1E37,
    0xFE35D35EEB19C, 0xFE2B5122FE4FE, 0xFE20003995557, 0xFE13C82788314, 0xFE068C4EE67B0,
    0xFDF82B02B71AA, 0xFDE87C57EFEAA, 0xFDD7509C63BFD, 0xFDC46E529BF13, 0xFDAF8F82E0282,
    0xFD985E1B2BA75, 0xFD7E6EF48CF04, 0xFD613ADBD650B, 0xFD40149E2F012, 0xFD1A1A7B4C7AC,
    0xFCEE204761F9E, 0xFCBA8D85E11B2, 0xFC7D26ECD2D22, 0xFC32B2F1E22ED, 0xFBD6581C0B83A,
    0xFB606C4005434, 0xFAC40582A2874, 0xF9E971E014598, 0xF89FA48A41DFC, 0xF66C5F7F0302C,
    0xF1A5A4B331C4A,
  ];
  const WI = new Float64Array([
    8.683627060801306e-16, 4.779330175727737e-17, 6.354352417405262e-17, 7.454870481247696e-17,
    8.3293668157931e-17, 9.068060405059482e-17, 9.714860076567762e-17, 1.0294750314241019e-16,
    1.0823430288447684e-16, 1.131147019610903e-16, 1.176635945702292e-16, 1.2193617278714363e-16,
    1.2597439914637093e-16, 1.2981099886264032e-16, 1.3347203736824123e-16, 1.3697864842571203e-16,
    1.4034823001242382e-16, 1.4359529452056943e-16, 1.4673208742364422e-16, 1.4976904668391037e-16,
    1.5271515003596198e-16, 1.5557818169460764e-16, 1.5836494009290885e-16, 1.6108140175274928e-16,
    1.6373285203969853e-16, 1.6632399058420835e-16, 1.6885901708676596e-16, 1.713417017655966e-16,
    1.737754436586486e-16, 1.7616331923000996e-16, 1.7850812316976727e-16, 1.8081240285799152e-16,
    1.830784876482675e-16, 1.853085138861802e-16, 1.8750444639373882e-16, 1.896680970077476e-16,
    1.918011406483862e-16, 1.9390512930625104e-16, 1.9598150426628824e-16, 1.9803160683128174e-16,
    2.000566877627333e-16, 2.0205791562071654e-16, 2.0403638415480212e-16, 2.0599311887403706e-16,
    2.079290829041402e-16, 2.0984518222370352e-16, 2.1174227035760342e-16, 2.1362115259449868e-16,
    2.1548258978581458e-16, 2.1732730177564367e-16, 2.191559705042727e-16, 2.2096924282235318e-16,
    2.2276773304789553e-16, 2.2455202529414355e-16, 2.263226755928568e-16, 2.280802138345017e-16,
    2.2982514554424684e-16, 2.3155795351040804e-16, 2.3327909928004356e-16, 2.3498902453470955e-16,
    2.3668815235791604e-16, 2.3837688840454243e-16, 2.4005562198135063e-16, 2.4172472704675025e-16,
    2.433845631371103e-16, 2.4503547622614954e-16, 2.466777995232705e-16, 2.4831185421610877e-16,
    2.4993795016204524e-16, 2.515563865329658e-16, 2.5316745241713583e-16, 2.547714273816944e-16,
    2.563685819989397e-16, 2.579591783392867e-16, 2.5954347043351707e-16, 2.6112170470670194e-16,
    2.6269412038597256e-16, 2.6426094988411895e-16, 2.658224191608307e-16, 2.6737874806323633e-16,
    2.689301506472616e-16, 2.704768354811995e-16, 2.720190059327732e-16, 2.735568604408679e-16,
    2.7509059277301666e-16, 2.7662039226963903e-16, 2.781464440759544e-16, 2.79668929362423e-16,
    2.8118802553450207e-16, 2.827039064324479e-16, 2.842167425218406e-16, 2.8572670107546015e-16,
    2.87233946347098e-16, 2.887386397378482e-16, 2.9024093995538423e-16, 2.9174100316669455e-16,
    2.9323898314471816e-16, 2.947350314092935e-16, 2.9622929736280665e-16, 2.977219284209029e-16,
    2.992130701386013e-16, 3.007028663321331e-16, 3.0219145919680615e-16, 3.036789894211802e-16,
    3.051655962978219e-16, 3.0665141783089545e-16, 3.081365908408297e-16, 3.0962125106629225e-16,
    3.111055332636893e-16, 3.125895713043999e-16, 3.140734982699446e-16, 3.1555744654528006e-16,
    3.1704154791040285e-16, 3.1852593363044065e-16, 3.2001073454440114e-16, 3.214960811527447e-16,
    3.2298210370394156e-16, 3.244689322801698e-16, 3.2595669688230784e-16, 3.2744552751437067e-16,
    3.2893555426753697e-16, 3.3042690740391284e-16, 3.3191971744017523e-16, 3.3341411523123725e-16,
    3.3491023205407785e-16, 3.364081996918765e-16, 3.37908150518595e-16, 3.394102175841489e-16,
    3.409145347003126e-16, 3.424212365275018e-16, 3.4393045866258313e-16, 3.454423377278584e-16,
    3.4695701146137835e-16, 3.4847461880874137e-16, 3.499953000165381e-16, 3.5151919672760744e-16,
    3.53046452078274e-16, 3.5457721079774357e-16, 3.5611161930983884e-16, 3.5764982583726505e-16,
    3.59191980508603e-16, 3.6073823546823514e-16, 3.6228874498941915e-16, 3.6384366559073444e-16,
    3.65403156156137e-16, 3.669673780588701e-16, 3.685364952894914e-16, 3.7011067458828983e-16,
    3.716900855823823e-16, 3.7327490092779435e-16, 3.7486529645684887e-16, 3.7646145133120287e-16,
    3.7806354820089604e-16, 3.7967177336979443e-16, 3.8128631696783774e-16, 3.829073731305243e-16,
    3.8453514018609596e-16, 3.8616982085091493e-16, 3.878116224335587e-16, 3.894607570481926e-16,
    3.9111744183782054e-16, 3.9278189920805415e-16, 3.944543570720877e-16, 3.9613504910761354e-16,
    3.9782421502646826e-16, 3.995221008578565e-16, 4.012289592460629e-16, 4.029450497636328e-16,
    4.04670639241075e-16, 4.0640600211422504e-16, 4.0815142079049387e-16, 4.0990718603532664e-16,
    4.1167359738030257e-16, 4.134509635544236e-16, 4.1523960294026883e-16, 4.170398440568316e-16,
    4.1885202607101123e-16, 4.206764993399015e-16, 4.2251362598620494e-16, 4.243637805093078e-16,
    4.262273504347798e-16, 4.2810473700531167e-16, 4.2999635591638323e-16, 4.3190263810026294e-16,
    4.338240305622791e-16, 4.357609972736849e-16, 4.3771402012585875e-16, 4.3968359995105214e-16,
    4.4167025761542035e-16, 4.4367453519065673e-16, 4.456969972112043e-16, 4.477382320247534e-16,
    4.49798853244555e-16, 4.518795013130059e-16, 4.539808451870034e-16, 4.561035841567422e-16,
    4.582484498109567e-16, 4.604162081631153e-16, 4.626076619547846e-16, 4.648236531543207e-16,
    4.670650656712631e-16, 4.693328283093329e-16, 4.716279179838351e-16, 4.739513632325867e-16,
    4.763042480533137e-16, 4.786877161048723e-16, 4.811029753147417e-16, 4.835513029411525e-16,
    4.860340511450812e-16, 4.885526531353603e-16, 4.91108629959527e-16, 4.937035980240335e-16,
    4.963392774403987e-16, 4.990175013091822e-16, 5.017402260718089e-16, 5.045095430818727e-16,
    5.073276915733542e-16, 5.101970732341562e-16, 5.131202686306784e-16, 5.161000557743228e-16,
    5.191394311757699e-16, 5.222416338000234e-16, 5.254101724177597e-16, 5.286488569504945e-16,
    5.3196183453384e-16, 5.353536311816497e-16, 5.388292001334053e-16, 5.423939782201712e-16,
    5.46053951907478e-16, 5.498157350892814e-16, 5.536866612467876e-16, 5.576748932926576e-16,
    5.617895553555417e-16, 5.660408920082422e-16, 5.704404621291389e-16, 5.750013768919895e-16,
    5.797385945724594e-16, 5.846692893455479e-16, 5.898133176477899e-16, 5.951938149641444e-16,
    6.008379696271908e-16, 6.067780409333449e-16, 6.130527208725282e-16, 6.197089894581626e-16,
    6.268046963301284e-16, 6.344122407127506e-16, 6.426239659548055e-16, 6.515603317344994e-16,
    6.613827885097664e-16, 6.723150462505587e-16, 6.846803417564259e-16, 6.98971833638762e-16,
    7.159994934830664e-16, 7.372424301798799e-16, 7.658936370805573e-16, 8.113849337656484e-16,
  ]);
  const FI = new Float64Array([
    1.0, 0.9771017012676716, 0.9598790918001067, 0.9451989534422996,
    0.9320600759592305, 0.919991505039347, 0.9087264400521309, 0.8980959218983434,
    0.8879846607558334, 0.8783096558089174, 0.869008688036857, 0.8600336211963315,
    0.851346258458678, 0.8429156531122042, 0.8347162929868834, 0.8267268339462214,
    0.8189291916037024, 0.8113078743126563, 0.8038494831709643, 0.796542330422959,
    0.7893761435660246, 0.7823418326548025, 0.7754313049811872, 0.7686373157984863,
    0.7619533468367954, 0.7553735065070961, 0.7488924472191568, 0.742505296340151,
    0.7362075981268627, 0.7299952645614762, 0.7238645334686302, 0.717811932630722,
    0.7118342488782484, 0.7059285013327543, 0.7000919181365116, 0.6943219161261167,
    0.6886160830046718, 0.6829721616449949, 0.6773880362187735, 0.6718617198970821,
    0.6663913439087501, 0.6609751477766631, 0.6556114705796973, 0.6502987431108167,
    0.6450354808208223, 0.6398202774530566, 0.6346517992876236, 0.6295287799248367,
    0.6244500155470265, 0.6194143606058343, 0.6144207238889139, 0.6094680649257734,
    0.6045553906974678, 0.5996817526191253, 0.5948462437679874, 0.590047996332826,
    0.5852861792633715, 0.5805599961007909, 0.5758686829723537, 0.5712115067352532,
    0.5665877632561644, 0.5619967758145243, 0.557437893618766, 0.5529104904258323,
    0.5484139632552658, 0.5439477311900263, 0.5395112342569521, 0.5351039323804576,
    0.5307253044036621, 0.5263748471716845, 0.5220520746723218, 0.5177565172297564,
    0.513487720747327, 0.5092452459957479, 0.5050286679434681, 0.5008375751261487,
    0.4966715690524897, 0.49253026364386854, 0.48841328470545803, 0.4843202694266833,
    0.48025086590904675, 0.47620473271950586, 0.4721815384677302, 0.4681809614056936,
    0.46420268904817436, 0.46024641781284287, 0.45631185267871643, 0.4523987068618485,
    0.44850670150720306, 0.4446355653957394, 0.440785034665804, 0.43695485254798555,
    0.43314476911265226, 0.4293545410294414, 0.42558393133802197, 0.4218327092294959,
    0.4181006498378482, 0.4143875340408911, 0.41069314827018816, 0.40701728432947337,
    0.4033597392211145, 0.3997203149801972, 0.39609881851583245, 0.3924950614593156,
    0.3889088600187887, 0.3853400348400773, 0.38178841087339366, 0.3782538172456192,
    0.37473608713789114, 0.3712350576682395, 0.3677505697790326, 0.36428246812900406,
    0.36083060098964803, 0.3573948201457805, 0.3539749808000768, 0.3505709414814061,
    0.34718256395679364, 0.3438097131468507, 0.34045225704452187, 0.33711006663700605,
    0.33378301583071845, 0.3304709813791636, 0.3271738428136014, 0.3238914823763911,
    0.32062378495690536, 0.3173706380299136, 0.3141319315963372, 0.3109075581262865,
    0.30769741250429206, 0.30450139197665, 0.30131939610080305, 0.2981513266966855,
    0.2949970877999618, 0.2918565856170952, 0.2887297284821829, 0.28561642681550176,
    0.2825165930837076, 0.27943014176163794, 0.2763569892956683, 0.27329705406857707,
    0.27025025636587546, 0.26721651834356147, 0.2641957639972612, 0.2611879191327212,
    0.25819291133761924, 0.25521066995466196, 0.2522411260559422, 0.24928421241852852,
    0.24633986350126383, 0.2434080154227503, 0.2404886059405006, 0.2375815744312381,
    0.23468686187233, 0.23180441082433872, 0.22893416541468034, 0.22607607132238028,
    0.22323007576391748, 0.220396127480152, 0.21757417672433113, 0.21476417525117358,
    0.21196607630703018, 0.20917983462112508, 0.2064054063978808, 0.2036427493103349,
    0.2008918224946566, 0.19815258654577514, 0.1954250035141343, 0.19270903690358918,
    0.19000465167046499, 0.1873118142238003, 0.18463049242679927, 0.18196065559952251,
    0.17930227452284758, 0.17665532144373486, 0.17401977008183855, 0.17139559563750575,
    0.1687827748012113, 0.1661812857644819, 0.16359110823236558, 0.161012223437511,
    0.15844461415592428, 0.1558882647244792, 0.15334316106026286, 0.15080929068184568,
    0.14828664273257455, 0.14577520800599403, 0.14327497897351346, 0.1407859498144447,
    0.13830811644855073, 0.13584147657125376, 0.13338602969166916, 0.13094177717364436,
    0.12850872227999957, 0.1260868702201859, 0.12367622820159657, 0.1212768054847903,
    0.11888861344291006, 0.11651166562561087, 0.11414597782783849, 0.11179156816383809,
    0.1094484571468118, 0.1071166677746838, 0.10479622562248707, 0.10248715894193525,
    0.10018949876881002, 0.09790327903886246, 0.095628536713009, 0.09336531191269101,
    0.09111364806637376, 0.08887359206827589, 0.08664519445055807, 0.08442850957035347,
    0.0822235958132029, 0.08003051581466307, 0.07784933670209612, 0.07568013035892718,
    0.07352297371398132, 0.0713779490588904, 0.06924514439700676, 0.0671246538277885,
    0.0650165779712429, 0.06292102443775814, 0.06083810834953988, 0.05876795292093374,
    0.0567106901062029, 0.05466646132488892, 0.05263541827679219, 0.05061772386094778,
    0.04861355321586854, 0.04662309490193038, 0.044646552251294463, 0.04268414491647446,
    0.04073611065594094, 0.03880270740452615, 0.036884215688567305, 0.034980941461716125,
    0.03309321945857858, 0.0312214171919203, 0.02936593975813336, 0.027527235669603113,
    0.02570580400854891, 0.02390220330579588, 0.02211706270730885, 0.02035109623004451,
    0.018605121275724622, 0.016880083152543142, 0.01517708830793531, 0.013497450601739867,
    0.011842757857907879, 0.010214971439701459, 0.008616582769398726, 0.007050875471373222,
    0.0055224032992509916, 0.0040379725933630236, 0.0026090727461021593, 0.001260285930498598,
  ]);

  // numpy.random.default_rng(seed): SeedSequence(seed) → PCG64 → standard normals.
  function Generator(seed) {
    wholeNumber(seed, "seed", 0);
    const words = seedState(seed);
    const initstate = (words[0] << 64n) | words[1], initseq = (words[2] << 64n) | words[3];
    const inc = ((initseq << 1n) | 1n) & MASK128;    // pcg_setseq_128_srandom_r
    let state = (0n * PCG_MULT + inc) & MASK128;
    state = (state + initstate) & MASK128;
    state = (state * PCG_MULT + inc) & MASK128;
    // one step of the LCG, then the XSL-RR output: rotate (high ^ low) right by high >> 58
    const next64 = () => {
      state = (state * PCG_MULT + inc) & MASK128;
      const high = state >> 64n, x = (high ^ state) & MASK64, rot = high >> 58n;
      return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
    };
    const nextDouble = () => Number(next64() >> 11n) * (1.0 / 9007199254740992.0);
    this.nextUint64 = next64;
    this.nextDouble = nextDouble;
    // random_standard_normal: the 256-layer ziggurat of distributions.c
    this.standardNormal = () => {
      for (;;) {
        let r = next64();
        const idx = Number(r & 0xffn);
        r >>= 8n;
        const negative = (r & 1n) === 1n;
        const rabs = Number((r >> 1n) & 0xfffffffffffffn);   // 52 bits: exact as a float64
        let x = rabs * WI[idx];
        if (negative) x = -x;
        if (rabs < KI[idx]) return x;                          // 99.3 % of the draws end here
        if (idx === 0) {                                       // the tail beyond r
          for (;;) {
            const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-nextDouble());
            const yy = -Math.log1p(-nextDouble());
            if (yy + yy > xx * xx) {
              return Math.floor(rabs / 256) % 2 === 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
            }
          }
        } else if ((FI[idx - 1] - FI[idx]) * nextDouble() + FI[idx] < Math.exp(-0.5 * x * x)) {
          return x;
        }
      }
    };
    // n draws in a row, as numpy's rng.standard_normal(n) returns them
    this.standardNormals = (n) => Array.from({length: n}, () => this.standardNormal());
  }

  // ----- argument checks: every bad field gets an Error that names it -------------------------
  const ACTIVATIONS = ["sigmoid", "tanh", "relu", "identity"];
  const LOSSES = ["mse", "bce"];
  const INITS = ["normal", "xavier", "he"];
  const OPTIMIZERS = ["sgd", "gd", "momentum", "adam"];
  const FIELDS = ["sizes", "activation", "outputActivation", "loss", "init", "scale", "seed", "lr", "epochs",
                  "optimizer", "X", "Y", "beta", "beta1", "beta2", "eps"];
  const TRACE_FIELDS = ["sizes", "activation", "outputActivation", "loss", "init", "scale", "seed", "X", "Y",
                        "weights", "biases", "deltaOut"];

  const show = (v) => { try { return JSON.stringify(v); } catch (e) { return String(v); } };
  function fail(message) { throw new Error(message); }
  function oneOf(value, name, options) {
    if (!options.includes(value)) {
      fail(`unknown ${name} ${show(value)}; expected one of ${options.map((o) => `"${o}"`).join(", ")}`);
    }
    return value;
  }
  function positive(value, name) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      fail(`${name} must be a finite number > 0; got ${show(value)}`);
    }
    return value;
  }
  function wholeNumber(value, name, minimum) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) {
      fail(`${name} must be a whole number >= ${minimum}; got ${show(value)}`);
    }
    return value;
  }
  function fraction(value, name) {
    if (typeof value !== "number" || !(value >= 0 && value < 1)) {
      fail(`${name} must be a number in [0, 1); got ${show(value)}`);
    }
    return value;
  }
  function layerSizes(sizes) {
    if (!Array.isArray(sizes) || sizes.length < 2) {
      fail(`sizes must list at least two layer sizes, input first, e.g. [2, 4, 1]; got ${show(sizes)}`);
    }
    sizes.forEach((n, i) => {
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
        fail(`sizes must be whole numbers >= 1; sizes[${i}] is ${show(n)}`);
      }
    });
    return sizes.slice();
  }
  // A matrix given as an array of rows, checked and flattened row by row into a Float64Array.
  function matrix(value, name, nCols, nRows) {
    if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) {
      fail(`${name} must be a non-empty array of rows (one sample per row), e.g. [[0, 1], [1, 0]]; got ${show(value)}`);
    }
    if (nRows !== undefined && value.length !== nRows) {
      fail(`${name} must have ${nRows} rows, one per row of X; got ${value.length}`);
    }
    const flat = new Float64Array(value.length * nCols);
    value.forEach((row, i) => {
      if (row.length !== nCols) fail(`${name} must have ${nCols} columns (one per unit); row ${i} has ${row.length}`);
      row.forEach((v, j) => {
        if (typeof v !== "number" || !Number.isFinite(v)) {
          fail(`${name} must contain only finite numbers; ${name}[${i}][${j}] is ${show(v)}`);
        }
        flat[i * nCols + j] = v;
      });
    });
    return flat;
  }

  // ----- the starting parameters (code/backprop/initialization.py) -----------------------------
  // Per layer: the weights W^l (n_out × n_in, row by row) as std · z with
  // std = init_std(init, n_in, n_out, 1.0) · scale, then, for "normal" only, the biases scale · z.
  function initStd(init, nIn, nOut) {
    if (init === "normal") return 1.0;
    if (init === "xavier") return 1.0 * Math.sqrt(2.0 / (nIn + nOut));
    return 1.0 * Math.sqrt(2.0 / nIn);
  }

  function drawParameters(sizes, init, scale, seed) {
    const rng = new Generator(seed);
    const weights = [], biases = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const std = initStd(init, nIn, nOut) * scale;
      const W = new Float64Array(nOut * nIn), b = new Float64Array(nOut);
      for (let i = 0; i < W.length; i++) W[i] = std * rng.standardNormal();
      if (init === "normal") for (let j = 0; j < nOut; j++) b[j] = scale * rng.standardNormal();
      weights.push(W);
      biases.push(b);
    }
    return {weights, biases};
  }

  const rows = (flat, nRows, nCols) =>
    Array.from({length: nRows}, (_, i) => Array.from(flat.subarray(i * nCols, (i + 1) * nCols)));

  function initialParameters(sizes, init = "normal", scale = 1.0, seed = 0) {
    sizes = layerSizes(sizes);
    oneOf(init, "init", INITS);
    positive(scale, "scale");
    wholeNumber(seed, "seed", 0);
    const p = drawParameters(sizes, init, scale, seed);
    return {
      weights: p.weights.map((W, l) => rows(W, sizes[l + 1], sizes[l])),
      biases: p.biases.map((b) => Array.from(b)),
    };
  }

  // ----- activations (code/backprop/activations.py) and losses (code/backprop/losses.py) -------
  const SIGMOID = 0, TANH = 1, RELU = 2, IDENTITY = 3;
  function activate(code, z) {
    switch (code) {
      case SIGMOID: { const e = Math.exp(-Math.abs(z)); return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e); }
      case TANH: return Math.tanh(z);
      case RELU: return Math.max(0.0, z);
      default: return z;
    }
  }
  // σ′(z) given a = σ(z): the same operations as the package's *_prime functions.
  function derivative(code, z, a) {
    switch (code) {
      case SIGMOID: return a * (1.0 - a);
      case TANH: return 1.0 - a * a;
      case RELU: return z > 0 ? 1.0 : 0.0;
      default: return 1.0;
    }
  }
  // numpy's npy_logaddexp(x, y) (numpy/_core/src/npymath/npy_math_internal.h.src) with x = 0:
  // softplus(z) = ln(1 + e^z), finite for every finite z.
  function softplus(z) {
    if (z === 0) return 0.0 + Math.LN2;
    const tmp = 0.0 - z;
    if (tmp > 0) return 0.0 + Math.log1p(Math.exp(-tmp));
    if (tmp <= 0) return z + Math.log1p(Math.exp(tmp));
    return tmp;
  }

  // ----- training (code/backprop/mlp.py, code/backprop/optimizers.py) --------------------------
  const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]], XOR_Y = [[0], [1], [1], [0]];  // backprop.data.xor()

  // The settings both entry points share, checked and filled with MLP's defaults.
  function settings(options, fields, what) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      fail(`${what} expects one object of settings, e.g. {sizes: [2, 4, 1], lr: 1, epochs: 5000}`);
    }
    for (const key of Object.keys(options)) {
      if (!fields.includes(key)) fail(`unknown field ${show(key)}; expected some of ${fields.join(", ")}`);
    }
    const get = (key, fallback) => (options[key] == null ? fallback : options[key]);  // null: left out, as None
    const sizes = layerSizes(get("sizes", [2, 4, 1]));
    const activation = oneOf(get("activation", "sigmoid"), "activation", ACTIVATIONS);
    const outputActivation = oneOf(get("outputActivation", activation), "outputActivation", ACTIVATIONS);
    const loss = oneOf(get("loss", "mse"), "loss", LOSSES);
    if (loss === "bce" && outputActivation !== "sigmoid") {
      fail(`loss "bce" needs outputs in (0, 1): use outputActivation "sigmoid"; ` +
           `got outputActivation ${show(outputActivation)}`);
    }
    const init = oneOf(get("init", "normal"), "init", INITS);
    const scale = positive(get("scale", 1.0), "scale");
    const seed = wholeNumber(get("seed", 0), "seed", 0);
    if (options.X == null && options.Y != null) fail("Y was given without X");
    const X = matrix(get("X", XOR_X), "X", sizes[0]);
    const m = X.length / sizes[0];
    let Y = null;
    if (options.Y != null || options.X == null) {
      Y = matrix(get("Y", XOR_Y), "Y", sizes[sizes.length - 1], m);
      if (loss === "bce" && Y.some((v) => v < 0 || v > 1)) {
        fail(`Y must lie in [0, 1] for loss "bce" (targets are probabilities)`);
      }
    }
    const L = sizes.length - 1;
    const codes = sizes.slice(1).map((_, l) => ACTIVATIONS.indexOf(l === L - 1 ? outputActivation : activation));
    return {get, sizes, activation, outputActivation, loss, init, scale, seed, X, Y, m, L, codes};
  }

  // One network on one batch: its arrays, and the forward pass, the loss and BP1–BP4 in
  // MLP's arithmetic order. Weights are n_out × n_in row by row; activations m × n row by row.
  function network(sizes, codes, weights, biases, X, Y, bce) {
    const L = sizes.length - 1, m = X.length / sizes[0];
    const Z = [], A = [X], D = [], dW = [], db = [];
    for (let l = 0; l < L; l++) {
      Z.push(new Float64Array(m * sizes[l + 1]));
      A.push(new Float64Array(m * sizes[l + 1]));
      D.push(new Float64Array(m * sizes[l + 1]));
      dW.push(new Float64Array(weights[l].length));
      db.push(new Float64Array(biases[l].length));
    }
    // forward: z^l = a^{l−1} W^lᵀ + b^l (sum over k first, then + b), a^l = σ(z^l)
    function forward() {
      for (let l = 0; l < L; l++) {
        const nIn = sizes[l], nOut = sizes[l + 1], W = weights[l], b = biases[l];
        const Ain = A[l], Zl = Z[l], Al = A[l + 1], code = codes[l];
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < nOut; j++) {
            let s = 0.0;
            for (let k = 0; k < nIn; k++) s += Ain[i * nIn + k] * W[j * nIn + k];
            const z = s + b[j];
            Zl[i * nOut + j] = z;
            Al[i * nOut + j] = activate(code, z);
          }
        }
      }
    }
    // ℒ: MSE Σ(a − y)² / (2m); BCE Σ(softplus(z) − y z) / m
    function lossValue() {
      const Zo = Z[L - 1], Ao = A[L], n = Ao.length;
      let s = 0.0;
      if (bce) {
        for (let i = 0; i < n; i++) s += softplus(Zo[i]) - Y[i] * Zo[i];
        return s / m;
      }
      for (let i = 0; i < n; i++) { const d = Ao[i] - Y[i]; s += d * d; }
      return s / (2 * m);
    }
    // BP1 (or the given output error deltaOut), BP2, BP3, BP4 into D, dW, db
    function backward(deltaOut) {
      const Zo = Z[L - 1], Ao = A[L], Do = D[L - 1], code = codes[L - 1];
      for (let i = 0; i < Do.length; i++) {                                    // BP1
        if (deltaOut) { Do[i] = deltaOut[i]; continue; }
        const difference = (Ao[i] - Y[i]) / m;
        Do[i] = bce || code === IDENTITY ? difference : difference * derivative(code, Zo[i], Ao[i]);
      }
      for (let l = L - 1; l > 0; l--) {                                        // BP2
        const nOut = sizes[l + 1], nIn = sizes[l], W = weights[l], Dl = D[l], Dp = D[l - 1];
        const Zp = Z[l - 1], Ap = A[l], code = codes[l - 1];
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < nIn; j++) {
            let s = 0.0;
            for (let k = 0; k < nOut; k++) s += Dl[i * nOut + k] * W[k * nIn + j];
            Dp[i * nIn + j] = s * derivative(code, Zp[i * nIn + j], Ap[i * nIn + j]);
          }
        }
      }
      for (let l = 0; l < L; l++) {
        const nIn = sizes[l], nOut = sizes[l + 1], Dl = D[l], Ain = A[l], gW = dW[l], gb = db[l];
        for (let j = 0; j < nOut; j++) {
          let s = 0.0;
          for (let i = 0; i < m; i++) s += Dl[i * nOut + j];                    // BP3
          gb[j] = s;
          for (let k = 0; k < nIn; k++) {
            let t = 0.0;
            for (let i = 0; i < m; i++) t += Dl[i * nOut + j] * Ain[i * nIn + k]; // BP4
            gW[j * nIn + k] = t;
          }
        }
      }
    }
    return {Z, A, D, dW, db, forward, lossValue, backward};
  }

  function train(options) {
    const s = settings(options, FIELDS, "train");
    const {get, sizes, loss, init, scale, seed, X, Y, m, L, codes} = s;
    if (options.lr == null) fail("lr (the learning rate, a number > 0) is required");
    if (options.epochs == null) fail("epochs (a whole number >= 0) is required");
    const lr = positive(options.lr, "lr");
    const epochs = wholeNumber(options.epochs, "epochs", 0);
    const optimizer = oneOf(get("optimizer", "sgd"), "optimizer", OPTIMIZERS);
    const beta = fraction(get("beta", 0.9), "beta");
    const beta1 = fraction(get("beta1", 0.9), "beta1"), beta2 = fraction(get("beta2", 0.999), "beta2");
    const eps = positive(get("eps", 1e-8), "eps");

    const {weights, biases} = drawParameters(sizes, init, scale, seed);
    const net = network(sizes, codes, weights, biases, X, Y, loss === "bce");
    const {A, dW, db} = net;
    const state1 = [], state2 = [];
    for (let l = 0; l < L; l++) {
      state1.push([new Float64Array(weights[l].length), new Float64Array(biases[l].length)]);
      state2.push([new Float64Array(weights[l].length), new Float64Array(biases[l].length)]);
    }
    // θ ← θ − Δθ for every parameter array, Δθ as optimizers.py's `direction`
    let t = 0;
    function update() {
      t += 1;
      const c1 = 1 - beta1 ** t, c2 = 1 - beta2 ** t;
      for (let l = 0; l < L; l++) {
        const pairs = [[weights[l], dW[l], state1[l][0], state2[l][0]], [biases[l], db[l], state1[l][1], state2[l][1]]];
        for (const [p, g, s1, s2] of pairs) {
          const n = p.length;
          if (optimizer === "sgd" || optimizer === "gd") {
            for (let i = 0; i < n; i++) p[i] -= lr * g[i];
          } else if (optimizer === "momentum") {
            for (let i = 0; i < n; i++) {
              s1[i] = t === 1 ? g[i] : beta * s1[i] + g[i];
              p[i] -= lr * s1[i];
            }
          } else {
            for (let i = 0; i < n; i++) {
              s1[i] = beta1 * s1[i] + (1 - beta1) * g[i];
              s2[i] = beta2 * s2[i] + (1 - beta2) * g[i] * g[i];
              p[i] -= lr * (s1[i] / c1) / (Math.sqrt(s2[i] / c2) + eps);
            }
          }
        }
      }
    }

    const losses = new Array(epochs).fill(NaN);
    for (let epoch = 0; epoch < epochs; epoch++) {
      net.forward();
      losses[epoch] = net.lossValue();
      if (!Number.isFinite(losses[epoch])) break;   // diverged: stop, the rest stays NaN (MLP.fit)
      net.backward(null);
      update();
    }
    net.forward();
    const nOut = sizes[L];
    return {
      losses,
      outputs: rows(A[L], m, nOut),
      weights: weights.map((W, l) => rows(W, sizes[l + 1], sizes[l])),
      biases: biases.map((b) => Array.from(b)),
    };
  }


  // One forward and one backward pass, everything kept: MLP.forward_trace, MLP.deltas and
  // MLP.backward in one call. The parameters are `weights` and `biases` (arrays of rows, as
  // initialParameters returns them) or, left out, the ones init/scale/seed draw. Y may be left
  // out when `deltaOut` (m × n_L, the output error δ^L to send back instead of BP1) is given.
  function trace(options) {
    const s = settings(options, TRACE_FIELDS, "trace");
    const {get, sizes, loss, init, scale, seed, X, m, L, codes} = s;
    let {Y} = s;
    let weights, biases;
    if (options.weights == null && options.biases == null) {
      ({weights, biases} = drawParameters(sizes, init, scale, seed));
    } else {
      if (options.weights == null || options.biases == null) fail("give both weights and biases, or neither");
      if (!Array.isArray(options.weights) || options.weights.length !== L) {
        fail(`weights must list ${L} matrices, one per layer; got ${show(options.weights)}`);
      }
      if (!Array.isArray(options.biases) || options.biases.length !== L) {
        fail(`biases must list ${L} vectors, one per layer; got ${show(options.biases)}`);
      }
      weights = options.weights.map((W, l) => matrix(W, `weights[${l}]`, sizes[l], sizes[l + 1]));
      biases = options.biases.map((b, l) => matrix([b], `biases[${l}]`, sizes[l + 1], 1));
    }
    const deltaOut = get("deltaOut", null) === null ? null : matrix(options.deltaOut, "deltaOut", sizes[L], m);
    if (Y === null && deltaOut === null) fail("Y (the targets) is required unless deltaOut is given");
    if (Y === null) Y = new Float64Array(m * sizes[L]);
    const net = network(sizes, codes, weights, biases, X, Y, loss === "bce");
    net.forward();
    const value = deltaOut === null ? net.lossValue() : NaN;
    net.backward(deltaOut);
    const asRows = (arrays) => arrays.map((a, l) => rows(a, m, sizes[l + 1]));
    return {
      loss: value,
      zs: asRows(net.Z), activations: [rows(X, m, sizes[0])].concat(asRows(net.A.slice(1))),
      deltas: asRows(net.D),
      gradWeights: net.dW.map((g, l) => rows(g, sizes[l + 1], sizes[l])),
      gradBiases: net.db.map((g) => Array.from(g)),
      weights: weights.map((W, l) => rows(W, sizes[l + 1], sizes[l])),
      biases: biases.map((b) => Array.from(b)),
    };
  }

  const api = {Generator, initialParameters, train, trace, activate: (name, z) => activate(ACTIVATIONS.indexOf(oneOf(name, "activation", ACTIVATIONS)), z), softplus, ACTIVATIONS, LOSSES, INITS, OPTIMIZERS};
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (root) root.backpropBook = api;
})(typeof window !== "undefined" ? window : (typeof globalThis !== "undefined" ? globalThis : null));
