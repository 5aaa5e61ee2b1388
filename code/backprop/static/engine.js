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
  // numpy/random/src/distributions/ziggurat_constants.h (numpy, BSD-3-Clause licence). To keep
  // the script small, each table is written as the bytes of its 256 float64 values (little-endian,
  // base64; ki_double's 52-bit integers are exact as float64s), decoded once when the script
  // loads; tests/test_js_engine.py checks the draws they give against numpy's, bit for bit.
  function float64s(base64) {
    const bytes = typeof atob === "function" ? Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
                                             : Uint8Array.from(Buffer.from(base64, "base64"));
    const view = new DataView(bytes.buffer);
    return Float64Array.from({length: bytes.length / 8}, (_, i) => view.getFloat64(8 * i, true));
  }
  const ZIGGURAT_NOR_R = 3.654152885361009, ZIGGURAT_NOR_INV_R = 0.2736612373297583;
  const KI = float64s(
    "1N5LAHvmLUMAAAAAAAAAAFCN9zF9EShDhAJ79alGK0PU3YP97KMsQ/zup9OrZC1DcpX9ApfeLUNUifQVjjIuQzCW/8Paby5D" +
    "uErCKo2eLkMsRzfIS8MuQ0gtp+r04C5DNIlQ2GX5LkOmr8YY4g0vQ7xLBq9MHy9DtKGbjkkuL0MS6rcPUjsvQ+j0A+vBRi9D" +
    "8Je2vN9QL0O4qabB4lkvQx5yMc72YS9DjOmmGj9pL0Pu/M1G2G8vQxzKQ9PZdS9D2hcIOld7L0Ou2P7BYIAvQ5BEbyAEhS9D" +
    "orfE9UyJL0Ni3PUuRY0vQ0gtUVL1kC9DCr2XvGSUL0M0RgTSmZcvQ4hz8CWami9DMtkfm2qdL0Ngkjt+D6AvQ8yJrZuMoi9D" +
    "oOjFUeWkL0M8kuGfHKcvQ/BoITM1qS9Dph4kcTGrL0PYMx2BE60vQ2TQkVPdri9D0BH2qJCwL0MYWVoXL7IvQ6RbTw+6sy9D" +
    "GL0g4DK1L0NAXIC7mrYvQ6D5t7jyty9D+jRz1zu5L0M65TACd7ovQyBfaBCluy9DyD5tyMa8L0Ocohrh3L0vQ1xoTQPovi9D" +
    "gNozy+i/L0PkSXjJ38AvQ7BES4TNwS9DmHBReLLCL0Myf3gZj8MvQ1Q5ttNjxC9DIje0CzHFL0MMg2of98UvQ5Qaq2a2xi9D" +
    "VACgM2/HL0P+Wj3TIcgvQ2juqI3OyC9DuBKYpnXJL0NIKqVdF8ovQ/B4ne6zyi9DJCTIkUvLL0MSDSd83ssvQ/Agst9szC9D" +
    "8KqN6/bML0NUIzzMfM0vQ+Tpy6v+zS9DBE4BsnzOL0NyPH0E984vQ0Th4MZtzy9DhoTuGuHPL0MY4acgUdAvQ3Quava90C9D" +
    "yBAIuSfRL0N4neGDjtEvQ+yd+nDy0S9DOjYPmVPSL0PUEacTstIvQ0Q1J/cN0y9DzJDiWGfTL0OqbSlNvtMvQ/jMV+cS1C9D" +
    "SM3iOWXUL0NYKmVWtdQvQzToqk0D1S9D4Dm8L0/VL0NAsucLmdUvQ3jMy/Dg1S9DJthf7CbWL0OUVPwLa9YvQ2jFYlyt1i9D" +
    "9AnF6e3WL0MoQMy/LNcvQ/g6n+lp1y9DoJPocaXXL0N8XNxi39cvQ9B7PcYX2C9DKrRipU7YL0OmXzsJhNgvQyzjU/q32C9D" +
    "6N3ZgOrYL0NoGaCkG9kvQyQ+Im1L2S9D/E+I4XnZL0Mq9qkIp9kvQ2aREenS2S9DbiP/iP3ZL0NQCmvuJtovQwaSCB9P2i9D" +
    "mF5IIHbaL0PcsFr3m9ovQ7qHManA2i9D0J+COuTaL0MEU8mvBtsvQ5BZSA0o2y9DCG4LV0jbL0No1eiQZ9svQ6TMgr6F2y9D" +
    "pNxI46LbL0OmFXkCv9svQwAzIR/a2y9DKKgfPPTbL0OIlyRcDdwvQwy0soEl3C9DwA0grzzcL0NIypbmUtwvQ3jJFSpo3C9D" +
    "eDZxe3zcL0PoBVPcj9wvQwxhO06i3C9Dgv6A0rPcL0NcaFFqxNwvQ+IvsRbU3C9D9A582OLcL0ME92Sw8NwvQ3QN9p793C9D" +
    "ZJWQpAndL0OGxmzBFN0vQ6KQmfUe3S9DtEv8QCjdL0PUU1CjMN0vQ7iQJhw43S9D6Ofkqj7dL0NcmcVORN0vQ1iF1gZJ3S9D" +
    "4lr40UzdL0P0rd2uT90vQxT0CZxR3S9DdmbQl1LdL0MgyFKgUt0vQ7wOgLNR3S9DqOwSz0/dL0NIOpDwTN0vQwY9RRVJ3S9D" +
    "tMlFOkTdL0NIQGpcPt0vQ1xeTXg33S9DyOVJii/dL0N0FHiOJt0vQyzqqoAc3S9D9DhtXBHdL0P6e/4cBd0vQxBxT7333C9D" +
    "/m/+N+ncL0O8elOH2dwvQ/wAPKXI3C9DEFFGi7bcL0Nsr5wyo9wvQ54NAJSO3C9DoFjCp3jcL0OwVcBlYdwvQwoEW8VI3C9D" +
    "tHhwvS7cL0OOKFREE9wvQ5iTxk/22y9D2ELs1NfbL0P8CETIt9svQ6ZznB2W2y9D6FkIyHLbL0OScdK5TdsvQxrTb+Qm2y9D" +
    "bFBxOP7aL0NWgHOl09ovQwBcDRqn2i9DREi9g3jaL0OwX9TOR9ovQ4jMX+YU2i9DaPwPtN/ZL0Nwbx0gqNkvQ2jdKhFu2S9D" +
    "gmEkbDHZL0PwUhsU8tgvQ/xjHuqv2C9DxJINzWrYL0NqZmmZItgvQ6DfHCnX1y9DJG1BU4jXL0O4GdzrNdcvQ4QKk8Pf1i9D" +
    "PD9ap4XWL0OWWhZgJ9YvQ9IFNLLE1S9DrkQyXV3VL0NMxh0b8dQvQ8rn+p9/1C9D7LMbmQjUL0N2rF6si9MvQ0iPUncI0y9D" +
    "UI46jn7SL0Osi+167dEvQ8zRibtU0S9D1GP1wLPQL0OAUiHtCdAvQ4BnBJFWzy9DStU+6pjOL0MERFUg0M0vQ7BXbUH7zC9D" +
    "/GBwPhnML0OE7nHmKMsvQwDlLuEoyi9DsOhtqBfJL0NuPPp/88cvQzhj3Wu6xi9D/MlfJGrFL0OuqjIHAMQvQygG8QR5wi9D" +
    "YM/cidHAL0NU41ZgBb8vQ1T9/YoPvS9D+neME+q6L0MmflPKjbgvQwQFXPDxtS9D6nRlwwuzL0MInpHeza8vQxbKelsnrC9D" +
    "JODFkwKoL0NYj2lPQ6MvQzw/7AjEnS9DZCO8sFGXL0NEWprdpI8vQ9pFPF5Whi9DdHCBA8t6L0NoqACIDWwvQ+hQVLCAWC9D" +
    "MIsCPC49L0P4O0iR9BMvQ1hg4O+LzS5DlDhmlrQ0LkM=");
  const WI = float64s(
    "edkVeDtJzzzG9v3jC42LPLRbLDyvUJI8YTtEOLl8lTwMpy/o/AGYPLzQTC4MI5o892E4L00AnDx0cnRaL6ydPMPVTC1IMp88" +
    "rbuOJzJNoDxDXQI7BfWgPHc2QZemkqE89Rp6j6InojyA2GM4LrWiPPWRV8A/PKM8L7GiwZ69ozxVm/+N7zmkPKf+PTa7saQ8" +
    "dNMaYnUlpTyWzgengJWlPOp+2c8xAqY8PXyjYdJrpjxwBQCSotKmPKb4RtPaNqc8dyqzEK2YpzxD9UatRfinPHcKQ1PMVag8" +
    "mnZ7nmSxqDyYz06pLgupPOoeLIJHY6k8RsU4jsm5qTwsp6TczA6qPFnNd21nYqo8MBYQbq20qjycbBNtsQWrPCl6QoeEVas8" +
    "Op9Sjjakqzwygr8q1vGrPPNOWflwPqw8YTsypROKrDyLJnL+ydSsPEi3gA6fHq08EB/kKZ1nrTzDuCMAzq+tPFN28ak69608" +
    "/u3Stes9rjwAb3oz6YOuPM6C+b06ya48JmLwhOcNrzyI9thU9lGvPK7Xh55tla88rC76fVPYrzzsNELgVg2wPJqPOfVALrA8" +
    "/KUWnupOsDwQoHJbVm+wPAv0cZCGj7A8E2G8hH2vsDx/zEtmPc+wPGsIFkvI7rA87hWVMiAOsTy+DzEHRy2xPEGRjp8+TLE8" +
    "HiDEvwhrsTw02ngap4mxPIht7lEbqLE8yyr4+GbGsTwu1OCTi+SxPJ+gQJmKArI86cbEcmUgsjwfw+l9HT6yPPtrqQy0W7I8" +
    "f9MdZip5sjwb1xnHgZayPNouuGK7s7I8U7jhYtjQsjyOqcvo2e2yPNdIbg3BCrM8MLn04Y4nszyhXiZwRESzPNVSyrriYLM8" +
    "algFvmp9szxksrJv3ZmzPAM9uL87trM84B1WmIbSszyDWnLevu6zPHSe4HHlCrQ8XXSmLfsmtDykMDzoAEO0PF3HynP3XrQ8" +
    "NsNmnt96tDwvj0gyupa0PF1BAvaHsrQ83BGzrEnOtDwFpjgWAOq0PGJVXu+rBbU8WosK8k0htTxPZmrV5jy1PMiyG053WLU8" +
    "eF9VDgB0tTwUhQ7GgY+1PFkbJCP9qrU8PXN90XLGtTzTjC974+G1PDhen8hP/bU8wx+jYLgYtjyisKLoHTS2PAsmtwSBT7Y8" +
    "cpbJV+Jqtjw3MbGDQoa2PLGyUCmiobY8u0Oz6AG9tjxS0yhhYti2PFT4YTHE87Y862iL9ycPtzzGFGlRjiq3PNzucNz3Rbc8" +
    "H3PlNWVhtzxJ9O/61ny3PJO9ushNmLc8CRSLPMqztzz7ItvzTM+3POfec4zW6rc8H+qGpGcGuDx2hsjaACK4PBWfic6iPbg8" +
    "vfXRH05ZuDzFfnpvA3W4PC33R1/DkLg8Q8AFko6suDycDKGrZci4PCdqRFFJ5Lg8j7VzKToAuTxHgyjcOBy5PPwK7xJGOLk8" +
    "iqIDeWJUuTzu1XC7jnC5PDEqLonLjLk8v5k/kxmpuTws2dWMecW5PBF0byvs4bk8StL6JnL+uTySNvk5DBu6PFvIoiG7N7o8" +
    "iLsLnn9UujykqUpyWnG6PD0xoGRMjro8CPGfPlarujzO9VrNeMi6PDazi+G05bo8GqHDTwsDuzxbmJrwfCC7PAAM4KAKPrs8" +
    "Az3OQbVbuzwniT+5fXm7PDz35fFkl7s8biWF22u1uzyiwC5rk9O7PIOugZvc8bs8oBbsbEgQvDwtevDl1y68PBwNbhOMTbw8" +
    "BYfsCGZsvDwXpuvgZou8PKuiNr2Pqrw8kNY7x+HJvDw34GgwXum8PG6PizIGCb08IO83ENsovTxHxjMV3ki9PCPx55YQab08" +
    "pfvX9HOJvTxwbiCZCaq9PA5J/PjSyr08Ny5SldHrvTwc0kn7Bg2+PPZG6sR0Lr48iNHBmRxQvjwl/pcvAHK+PAq/KkshlL48" +
    "CG/3wIG2vjw6pxB2I9m+PKnsAWEI/L48IVPCijIfvzxtTbcPpEK/PGgBySBfZr88gpeJBGaKvzy/InEYu66/PIXnL9Jg0788" +
    "C/YYwVn4vzx1oNNH1A7APEfJjwKoIcA8qwKpg6k0wDzH9T5O2kfAPH6zrfY7W8A8aCanI9BuwDwXLmOPmILAPFSi6AiXlsA8" +
    "xMBxdc2qwDxI1O7RPb/APDA9qjTq08A8k2URz9TowDy2n6bv//3APEFwIARuE8E8NV27myEpwTxtCcRpHT/BPDsuYEhkVcE8" +
    "8+6dO/lrwTxhEtJ034LBPKzrTlYamsE8ji9/d62xwTyUpnGpnMnBPDmu5Pvr4cE8Adniwp/6wTyBzASdvBPCPO7Tb3pHLcI8" +
    "JJyspEVHwjzgWHbHvGHCPC5ZqPqyfMI8eA53zS6YwjxSCipTN7TCPJfbljHU0MI89XipsQ3uwjzurlbS7AvDPKOkaF57KsM8" +
    "oxKuBcRJwzxAqDN60mnDPApBVpKzisM8+oiucHWswzymBBezJ8/DPHX0YKrb8sM82uW5nKQXxDyUXlQVmD3EPBU6p0TOZMQ8" +
    "vEOcdWKNxDwnWmudc7fEPAKJzQ0l48Q8QazpU58QxTxCfjpSEUDFPBvkSqmxccU82Y1xi8ClxTz+0DokitzFPEwehs9pFsY8" +
    "6moAe85TxjzD5Z++QJXGPDLiCY1r28Y8NHpf8CgnxzxzBglWlXnHPIzO1vQt1Mc8NPIpBQM5yDwUfKq/D6vIPJZEb5TgLsk8" +
    "q1dAAe7LyTxad5R43I/KPLH9eDgfmMs8M60JgrQ7zTw=");
  const FI = float64s(
    "AAAAAAAA8D+H8HnJakTvPxWpbFtUt+4/d/An4BE/7j+V3gSnb9PtP/K8VwaScO0/3BmheEkU7T/rLaeoM73sP394qc5eauw/" +
    "6rru2Rwb7D+C3OFO687rP1L1jzplhes/EN00gjo+6z+i6Gw/KvnqPwQlevH+teo/4clQ1Yt06j8Pr/X9qjTqP9gfZe479uk/" +
    "gQYkjSK56T/BemFXRn3pP0d6G8KRQuk/T3ExvfEI6T+oCuZPVdDoPwLfukitmOg/rLw3/Oth6D9uz1YPBSzoP8viIEvt9uc/" +
    "WGicd5rC5z/VsKA8A4/nP1bYcAcfXOc/Em0/9OUp5z/ueuq6UPjmP4laY55Yx+Y/KjtRXveW5j8j45IqJ2fmPxgMVZjiN+Y/" +
    "ZSaAmCQJ5j9q/0pv6NrlP4lcyKwpreU/j41MJuR/5T9Gno3wE1PlP9VsZVq1JuU/Z7Yg6MT65D/ATklPP8/kP3hS3HIhpOQ/" +
    "ElDfX2h55D95NklKEU/kP+NfNYoZJeQ/gltYmX774z+jMa8QPtLjPw7NYqZVqeM/1QDaK8OA4z/pUPWLhFjjPzU6cMmXMOM/" +
    "7zhk/foI4z/uO+pVrOHiP0qV1xSquuI/Fc2TjvKT4j/tBAUphG3iP4TbkFpdR+I/8vcvqXwh4j8glpKp4PvhP2mZVP6H1uE/" +
    "EdE/V3Gx4T9QPJtwm4zhP9o5hhIFaOE/nKleEK1D4T84HzFIkh/hPxNZMqKz++A/oEJBEBDY4D+u2XCNprTgP4FdmR12keA/" +
    "NjzwzH1u4D8uP6avvEvgPyqCi+ExKeA/xMq4hdwG4D+hvXuMd8nfP8oAqaedhd8/83ovyylC3z+Vj35xGv/eP1QfvSBuvN4/" +
    "xcNOaiN63j+Fm1/qODjePwk6dket9t0/sVYLMn+13T8z3iZkrXTdP4AQAqE2NN0/bVuutBn03D9IqMBzVbTcP8fXALvodNw/" +
    "uCwdb9I13D8XamF8EffbP5FtcdakuNs/GxMHeIt62z/KMbNixDzbP1KFoZ5O/9o/nlpfOinC2j+A2KRKU4XaP03AIOrLSNo/" +
    "PoRGOZIM2j/fkx5epdDZP8bAGIQEldk/k5/g265Z2T8XyzObox7ZPxXxufzh49g/iJHeP2mp2D+2WqyoOG/YP9kNqn9PNdg/" +
    "Edm4Ea371z+wFPSvUMLXP+tSkq85idc/7bHHaWdQ1z9MYak72RfXP6pMEoaO39Y/Id6IrYan1j/iyyUawW/WPxXlezc9ONY/" +
    "yNKAdPoA1j9EwnZD+MnVP77u1hk2k9U/AAE9cLNc1T/tO1PCbybVP5Jtv45q8NQ/opwQV6O61D/Uaq2fGYXUP/4kw+/MT9Q/" +
    "GXo10bwa1D/b0o7Q6OXTP65D8XxQsdM/eRMIaPN80z+e0fkl0UjTPy/2Wk3pFNM/Zgchdzvh0j/dP5Y+x63SPx6xTUGMetI/" +
    "id4XH4pH0j+ezPd5wBTSPxaBGPYu4tE/UPDCOdWv0T/oVFTtsn3RP2fuNLvHS9E/IyTPTxMa0T/ECYdZlejQP9pCsohNt9A/" +
    "NkOQjzuG0D/Z6UIiX1XQP350x/a3JNA/xZPfiYvozz81MriMEIjPP9KY6Wz+J88/RJzJpFTIzj/dPCiyEmnOP4RxRRY4Cs4/" +
    "CpDHVcSrzT9PUbL4tk3NP8xvXooP8Mw/U99xmc2SzD9Hndi38DXMP6EYvnp42cs/qjGHemR9yz860cxStCHLPwcYV6Jnxso/" +
    "fiYZC35ryj89fi0y9xDKP1r+0r/Stsk/J3xqXxBdyT9p+nS/rwPJP1uBkpGwqsg/OJqBihJSyD91cR9i1fnHPyOjaNP4occ/" +
    "prV6nHxKxz8WR5Z+YPPGP1zyIT6knMY/nPGtokdGxj/5g/h2SvDFP2wd84ismsU/NWjIqW1FxT/BH+OtjfDEPy3O9WwMnMQ/" +
    "1XUDwulHxD+uMWmLJfTDP+7X6Kq/oMM/iKu0BbhNwz9lKnyEDvvCPxoHehPDqMI/t16DotVWwj80PBglRgXCP0J9dZIUtME/" +
    "Yy2o5UBjwT+5bqIdyxLBP7oJUj2zwsA/hb+4S/lywD8qfQZUnSPAPywia8s+qb8/HA5SKf8Lvz9LpZrye2++P4/odmG1070/" +
    "5ZG9uas4vT8KdDtJX568PxUQC2jQBLw/M+LyeP9ruz8z9srp7NO6P4Zi6jOZPLo/GVud3ASmuT+roKR1MBC5P1Iov50ce7g/" +
    "1u8+Acrmtz92EapaOVO3P0xKaXNrwLY/GE2FJGEutj+kZnRXG521P64r+gabDLU/EyIbQOF8tD+GmiYj7+2zP3A+2eTFX7M/" +
    "ETGbz2bSsj+RDd1E00WyP32Jl74MurE/nRfy0BQvsT8llhUs7aSwP5fkMJ6XG7A/NW5sKywmrz+BUbJH1RauP2Lxrf4uCa0/" +
    "LCooDz79qz9wXziQB/OqP2NVKfmQ6qk/q7VoKuDjqD8eJ693+96nP2TQmLPp26Y/1K3yPLLapT9dJxEOXdukP8vumM7y3aM/" +
    "l/Q96Hzioj+8ah+fBemhPxGAli6Y8aA/xKUY14H4nz91jILbGhKePxoJzYMZMJw/+OsiTp9Smj8KwQC20XmYP4K/C/TapZY/" +
    "ZLD78urWlD8TXquNOA2TPxIwYDQDSZE/Sd1yTyoVjz+sj08njaSLP3ikjQ0EQYg/4M8aQpbrhD+SL5UpkqWBPzdo7Phg4Xw/" +
    "XbgM2aiedj/9sbADH4pwP2ewwUOfX2U/D/e5tgWmVD8=");

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
                  "optimizer", "X", "Y", "beta", "beta1", "beta2", "eps", "outputHistory"];
  const FORWARD_FIELDS = ["sizes", "activation", "outputActivation", "X", "Y", "weights", "biases"];
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
  function matrix(value, name, nCols, nRows, rowsAre = "one per row of X") {
    if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) {
      fail(`${name} must be a non-empty array of rows (one sample per row), e.g. [[0, 1], [1, 0]]; got ${show(value)}`);
    }
    if (nRows !== undefined && value.length !== nRows) {
      fail(`${name} must have ${nRows} rows, ${rowsAre}; got ${value.length}`);
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

    // outputHistory: a^L after each number of steps 0 … epochs, block e = rows e·m … (NaN once diverged)
    const history = get("outputHistory", false) ? new Float64Array((epochs + 1) * A[L].length).fill(NaN) : null;
    if (history !== null && typeof options.outputHistory !== "boolean") fail("outputHistory must be true or false");
    const losses = new Array(epochs).fill(NaN);
    for (let epoch = 0; epoch < epochs; epoch++) {
      net.forward();
      if (history !== null) history.set(A[L], epoch * A[L].length);
      losses[epoch] = net.lossValue();
      if (!Number.isFinite(losses[epoch])) break;   // diverged: stop, the rest stays NaN (MLP.fit)
      net.backward(null);
      update();
    }
    net.forward();
    const nOut = sizes[L];
    if (history !== null && !losses.some(Number.isNaN)) history.set(A[L], epochs * A[L].length);
    return {
      ...(history !== null ? {outputHistory: history} : {}),
      losses,
      outputs: rows(A[L], m, nOut),
      weights: weights.map((W, l) => rows(W, sizes[l + 1], sizes[l])),
      biases: biases.map((b) => Array.from(b)),
    };
  }


  // weights (one n_out × n_in matrix per layer) or biases (one vector per layer), checked and flattened
  function parameters(value, sizes, name) {
    const L = sizes.length - 1;
    if (!Array.isArray(value) || value.length !== L) {
      fail(`${name} must list ${L} ${name === "weights" ? "matrices" : "vectors"}, one per layer; got ${show(value)}`);
    }
    return name === "weights" ? value.map((W, l) => matrix(W, `weights[${l}]`, sizes[l], sizes[l + 1],
                                                            `one per unit of layer ${l + 1}`))
                              : value.map((b, l) => matrix([b], `biases[${l}]`, sizes[l + 1], 1, "a single row"));
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
      weights = parameters(options.weights, sizes, "weights");
      biases = parameters(options.biases, sizes, "biases");
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

  // The forward pass alone, for many inputs (a plane of points, say): MLP.forward_trace without
  // the backward pass. Returns {zs, activations}: per layer l = 1 … L a Float64Array of m × n_l
  // values, row by row (sample i's unit j at i·n_l + j); activations[0] is X itself, flattened.
  function forward(options) {
    const s = settings(Object.assign({}, options, {Y: null}), FORWARD_FIELDS, "forward");
    const {sizes, X, L, codes} = s;
    if (options.weights == null || options.biases == null) fail("forward needs weights and biases (arrays of rows)");
    const weights = parameters(options.weights, sizes, "weights"), biases = parameters(options.biases, sizes, "biases");
    const net = network(sizes, codes, weights, biases, X, null, false);
    net.forward();
    return {zs: net.Z, activations: net.A};
  }

  const api = {Generator, initialParameters, train, trace, forward, activate: (name, z) => activate(ACTIVATIONS.indexOf(oneOf(name, "activation", ACTIVATIONS)), z), softplus, ACTIVATIONS, LOSSES, INITS, OPTIMIZERS};
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (root) root.backpropBook = api;
})(typeof window !== "undefined" ? window : (typeof globalThis !== "undefined" ? globalThis : null));
