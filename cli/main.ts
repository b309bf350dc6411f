console.log('guazheng cli placeholder', process.argv.slice(2).join(' '));
