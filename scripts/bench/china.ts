/**
 * A rough map of China for the benchmark: where the cities are (stations cluster around them, by
 * population) and a coarse outline of the land (countryside stations and rural riders fall inside
 * it). Accuracy to tens of kilometres is plenty: the point is a realistic mix of very dense and
 * very sparse places, which is what stresses a geohash search.
 */
import { CHINA_BOUNDS, type Point } from '../../functions/src/domain/geo';
import { gaussian, type Random } from './random';

export interface City {
  name: string;
  lat: number;
  lng: number;
  /** Millions of people, roughly (metro area): weights the city's share of stations. */
  population: number;
}

/** 70 cities from the megacities down to provincial capitals and large prefecture cities. */
export const CITIES: readonly City[] = [
  { name: '上海', lat: 31.23, lng: 121.47, population: 24.9 },
  { name: '北京', lat: 39.9, lng: 116.4, population: 21.9 },
  { name: '广州', lat: 23.13, lng: 113.26, population: 18.7 },
  { name: '深圳', lat: 22.54, lng: 114.06, population: 17.6 },
  { name: '成都', lat: 30.66, lng: 104.07, population: 16.5 },
  { name: '重庆', lat: 29.56, lng: 106.55, population: 12 },
  { name: '天津', lat: 39.13, lng: 117.2, population: 13.9 },
  { name: '武汉', lat: 30.59, lng: 114.31, population: 13.6 },
  { name: '西安', lat: 34.34, lng: 108.94, population: 12.9 },
  { name: '苏州', lat: 31.3, lng: 120.58, population: 12.7 },
  { name: '郑州', lat: 34.75, lng: 113.63, population: 12.6 },
  { name: '杭州', lat: 30.27, lng: 120.16, population: 12.2 },
  { name: '石家庄', lat: 38.04, lng: 114.51, population: 11 },
  { name: '东莞', lat: 23.02, lng: 113.75, population: 10.5 },
  { name: '青岛', lat: 36.07, lng: 120.38, population: 10 },
  { name: '长沙', lat: 28.23, lng: 112.94, population: 10 },
  { name: '哈尔滨', lat: 45.8, lng: 126.53, population: 9.5 },
  { name: '佛山', lat: 23.02, lng: 113.12, population: 9.5 },
  { name: '宁波', lat: 29.87, lng: 121.54, population: 9.4 },
  { name: '合肥', lat: 31.82, lng: 117.23, population: 9.4 },
  { name: '南京', lat: 32.06, lng: 118.8, population: 9.3 },
  { name: '济南', lat: 36.65, lng: 117.12, population: 9.2 },
  { name: '沈阳', lat: 41.81, lng: 123.43, population: 9.1 },
  { name: '长春', lat: 43.82, lng: 125.32, population: 9 },
  { name: '温州', lat: 28, lng: 120.7, population: 9 },
  { name: '泉州', lat: 24.87, lng: 118.68, population: 8.8 },
  { name: '南宁', lat: 22.82, lng: 108.37, population: 8.7 },
  { name: '昆明', lat: 25.04, lng: 102.71, population: 8.5 },
  { name: '福州', lat: 26.07, lng: 119.3, population: 8.3 },
  { name: '无锡', lat: 31.49, lng: 120.31, population: 7.5 },
  { name: '大连', lat: 38.91, lng: 121.61, population: 7.4 },
  { name: '徐州', lat: 34.26, lng: 117.18, population: 7.2 },
  { name: '南通', lat: 31.98, lng: 120.89, population: 7.2 },
  { name: '唐山', lat: 39.63, lng: 118.18, population: 7.1 },
  { name: '保定', lat: 38.87, lng: 115.46, population: 7 },
  { name: '临沂', lat: 35.1, lng: 118.36, population: 7 },
  { name: '潍坊', lat: 36.71, lng: 119.16, population: 6.8 },
  { name: '烟台', lat: 37.46, lng: 121.45, population: 6.5 },
  { name: '南昌', lat: 28.68, lng: 115.86, population: 6.3 },
  { name: '贵阳', lat: 26.65, lng: 106.63, population: 6 },
  { name: '惠州', lat: 23.11, lng: 114.42, population: 6 },
  { name: '洛阳', lat: 34.62, lng: 112.45, population: 5.8 },
  { name: '邯郸', lat: 36.63, lng: 114.54, population: 5.6 },
  { name: '汕头', lat: 23.35, lng: 116.68, population: 5.5 },
  { name: '太原', lat: 37.87, lng: 112.55, population: 5.3 },
  { name: '常州', lat: 31.81, lng: 119.97, population: 5.3 },
  { name: '襄阳', lat: 32.01, lng: 112.12, population: 5.2 },
  { name: '厦门', lat: 24.48, lng: 118.09, population: 5.2 },
  { name: '赣州', lat: 25.83, lng: 114.93, population: 5 },
  { name: '遵义', lat: 27.73, lng: 106.93, population: 4.9 },
  { name: '绵阳', lat: 31.47, lng: 104.68, population: 4.9 },
  { name: '桂林', lat: 25.27, lng: 110.29, population: 4.9 },
  { name: '淄博', lat: 36.81, lng: 118.05, population: 4.7 },
  { name: '兰州', lat: 36.06, lng: 103.83, population: 4.4 },
  { name: '中山', lat: 22.52, lng: 113.39, population: 4.4 },
  { name: '柳州', lat: 24.33, lng: 109.41, population: 4.2 },
  { name: '乌鲁木齐', lat: 43.83, lng: 87.62, population: 4 },
  { name: '宜昌', lat: 30.69, lng: 111.29, population: 4 },
  { name: '吉林', lat: 43.84, lng: 126.55, population: 3.6 },
  { name: '芜湖', lat: 31.33, lng: 118.43, population: 3.6 },
  { name: '呼和浩特', lat: 40.84, lng: 111.75, population: 3.5 },
  { name: '鞍山', lat: 41.11, lng: 122.99, population: 3.3 },
  { name: '海口', lat: 20.04, lng: 110.32, population: 2.9 },
  { name: '银川', lat: 38.49, lng: 106.23, population: 2.9 },
  { name: '大庆', lat: 46.59, lng: 125.1, population: 2.8 },
  { name: '包头', lat: 40.66, lng: 109.84, population: 2.7 },
  { name: '西宁', lat: 36.62, lng: 101.78, population: 2.5 },
  { name: '珠海', lat: 22.27, lng: 113.58, population: 2.4 },
  { name: '本溪', lat: 41.29, lng: 123.77, population: 1.3 },
  { name: '拉萨', lat: 29.65, lng: 91.14, population: 0.9 },
];

/**
 * How far a city's stations spread (the gaussian's sigma, km): a megacity sprawls ~20 km, a city of
 * a million ~4 km. Growing with the square root keeps density at the centre similar across cities.
 */
export const spreadKm = (city: City) => Math.min(20, Math.max(3, 4 * Math.sqrt(city.population)));

/**
 * China's land border and coast, clockwise from the north-east corner, as [lng, lat]: a coarse
 * outline (about 100 vertices), plus Hainan. Taiwan and the small islands are left out.
 */
const MAINLAND: readonly [number, number][] = [
  [134.7, 48.3], [134.0, 46.9], [133.1, 45.5], [132.0, 45.2], [131.0, 44.9], [131.3, 43.4], [131.1, 42.9],
  [130.6, 42.4], [129.7, 42.4], [129.0, 42.0],
  [128.1, 41.5], [127.0, 41.8], [126.0, 40.9], [124.4, 40.0], [123.3, 39.6], [121.6, 38.8], [121.2, 39.5],
  [122.2, 40.5], [121.0, 40.8], [119.6, 39.9], [118.3, 39.1], [117.7, 38.4], [118.9, 37.4], [119.8, 37.2],
  [120.7, 37.8], [122.6, 37.4], [121.5, 36.8], [120.3, 36.0], [119.3, 35.0], [120.3, 34.1], [120.9, 32.7],
  [121.9, 31.7], [121.9, 30.9], [121.0, 30.6], [122.1, 29.9], [121.5, 28.5], [120.6, 27.5], [119.9, 26.6],
  [119.6, 26.0], [119.2, 25.2], [118.8, 24.7], [118.2, 24.3], [116.7, 23.3], [115.3, 22.8], [114.2, 22.3],
  [113.5, 22.2], [112.0, 21.7], [110.6, 21.2], [110.1, 20.3], [109.7, 21.5], [108.6, 21.6], [108.0, 21.5], [106.7, 22.0],
  [105.8, 22.9], [103.9, 22.5], [102.2, 22.4], [101.7, 21.2], [100.1, 21.6], [99.2, 22.1], [99.5, 23.1],
  [98.7, 24.1], [97.6, 24.0], [97.7, 25.3], [98.6, 26.5], [98.6, 27.6], [97.5, 28.3], [96.3, 28.9],
  [95.0, 29.2], [93.9, 28.9], [92.1, 27.8], [91.0, 27.9], [89.6, 28.2], [88.8, 28.0], [87.0, 27.9],
  [85.0, 28.3], [83.0, 29.4], [81.2, 30.1], [79.4, 31.0], [78.8, 32.4], [79.4, 33.3], [78.9, 34.3],
  [78.0, 35.5], [76.8, 35.7], [75.5, 36.6], [74.6, 37.1], [74.8, 38.2], [73.6, 39.4], [74.0, 40.1],
  [75.6, 40.6], [76.9, 41.0], [78.5, 41.6], [80.2, 42.1], [80.7, 43.2], [80.0, 44.9], [82.5, 45.2],
  [82.3, 46.0], [83.0, 47.2], [85.5, 47.0], [86.8, 48.9], [87.8, 49.2], [88.9, 48.1], [90.8, 46.6],
  [90.9, 45.3], [93.5, 44.9], [95.4, 44.3], [96.4, 42.7], [100.8, 42.6], [105.0, 41.6], [107.0, 42.1],
  [110.4, 42.7], [111.9, 43.6], [111.9, 45.1], [113.6, 44.7], [116.7, 46.3], [117.4, 46.6], [119.9, 46.6],
  [118.5, 47.9], [115.6, 47.9], [116.8, 49.8], [117.8, 49.5], [119.2, 50.3], [120.1, 51.7], [121.0, 53.3],
  [123.4, 53.5], [126.0, 52.8], [127.5, 49.8], [130.6, 48.9], [132.5, 47.7], [134.7, 48.3],
];
const HAINAN: readonly [number, number][] = [
  [108.6, 19.2], [108.7, 18.5], [109.6, 18.2], [110.5, 18.7], [111.0, 19.6], [110.7, 20.1], [109.7, 20.0],
];

/** Ray casting: is the point inside the polygon? */
function insidePolygon(p: Point, polygon: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export const onLand = (p: Point) => insidePolygon(p, MAINLAND) || insidePolygon(p, HAINAN);

/** A uniformly random point of the contract's China box that `accept` likes (rejection sampling). */
export function pointInBox(random: Random, accept: (p: Point) => boolean): Point {
  for (;;) {
    const p = {
      lat: CHINA_BOUNDS.minLat + random() * (CHINA_BOUNDS.maxLat - CHINA_BOUNDS.minLat),
      lng: CHINA_BOUNDS.minLng + random() * (CHINA_BOUNDS.maxLng - CHINA_BOUNDS.minLng),
    };
    if (accept(p)) return p;
  }
}

/** A point scattered around a city centre: gaussian in kilometres, converted to degrees there. */
export function nearCity(random: Random, city: City, sigmaKm = spreadKm(city)): Point {
  const northKm = gaussian(random) * sigmaKm;
  const eastKm = gaussian(random) * sigmaKm;
  return {
    lat: city.lat + northKm / 110.574,
    lng: city.lng + eastKm / (111.32 * Math.cos((city.lat * Math.PI) / 180)),
  };
}
